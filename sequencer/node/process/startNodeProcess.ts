import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { pino, type Logger } from 'pino'
import { createPublicClient, http, type PublicClient } from 'viem'
import { archiveBlobSource } from '../blobs/archiveBlobSource.ts'
import { beaconBlobSource } from '../blobs/beaconBlobSource.ts'
import type { BlobSource } from '../blobs/blobSource.ts'
import { rpcBlobSource } from '../blobs/rpcBlobSource.ts'
import { createNode } from '../createNode.ts'
import type { RollupNode, SyncResult } from '../rollupNode.ts'
import { createNodeRpcServer } from '../rpc/createNodeRpcServer.ts'
import type { NodeConfig } from './nodeConfig.ts'

/** A running node process (see {@link startNodeProcess}). */
export interface NodeProcess {
  readonly node: RollupNode
  readonly app: FastifyInstance
  /** `http://host:port` the JSON-RPC server listens on. */
  readonly url: string
  readonly logger: Logger
  /** Stops serving (answers what is in progress), stops the sync loop, closes the store. Safe to call twice. */
  stop(): Promise<void>
}

/**
 * Starts the node as a process would: opens the store (resuming where it stopped), serves
 * JSON-RPC on `config.http`, and syncs from L1 every `pollIntervalMs` (failures are logged
 * and retried; nothing is skipped). Blob sources are asked in order: the archive folder, the
 * beacon API, the L1 endpoint. Signals are the caller's (`sequencer/node/main.ts` stops on
 * SIGINT and SIGTERM).
 *
 * @example
 * ```ts
 * const p = await startNodeProcess({ config: nodeConfigFromEnv(process.env) })
 * console.log(`node serving ${p.url}`)
 * process.once('SIGTERM', () => void p.stop())
 * ```
 */
export async function startNodeProcess(params: { config: NodeConfig; logger?: Logger; client?: PublicClient; onSync?: (r: SyncResult) => void }): Promise<NodeProcess> {
  const { config } = params
  const logger = params.logger ?? pino({ level: config.logLevel, base: { service: 'node' } })
  const client = params.client ?? (createPublicClient({ transport: http(config.l1RpcUrl, { retryCount: 0 }) }) as PublicClient)
  const blobs: BlobSource[] = []
  if (config.blobArchiveDir) blobs.push(archiveBlobSource({ dir: config.blobArchiveDir }))
  if (config.beaconUrl) blobs.push(beaconBlobSource({ url: config.beaconUrl }))
  if (config.blobsFromL1) blobs.push(rpcBlobSource({ client }))
  const node = await createNode({
    client,
    rollup: config.rollupAddress,
    fromBlock: config.deploymentBlock,
    storePath: config.dbPath,
    blobs,
    logger,
    options: { confirmations: config.confirmations, rangeSize: config.rangeSize, checks: config.checks },
  })
  let app: FastifyInstance
  try {
    app = createNodeRpcServer({ node, http: config.http, logger: logger as FastifyBaseLogger, ...(config.l2ChainId !== undefined ? { l2ChainId: config.l2ChainId } : {}) })
    await app.listen({ host: config.http.host, port: config.http.port })
  } catch (e) {
    await node.close()
    throw e
  }
  const { port } = app.server.address() as { port: number }
  const url = `http://${config.http.host}:${port}`
  const running = node.run({ intervalMs: config.pollIntervalMs, ...(params.onSync ? { onSync: params.onSync } : {}) })
  logger.info({ url, rollup: config.rollupAddress, confirmations: config.confirmations.toString(), blobSources: blobs.length }, 'node serving')
  let stopped: Promise<void> | undefined
  return {
    node,
    app,
    url,
    logger,
    stop: () =>
      (stopped ??= (async () => {
        await app.close()
        await node.close()
        void running
        logger.info({}, 'node stopped')
      })()),
  }
}
