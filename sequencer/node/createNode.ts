import type { Address, Kzg, PublicClient } from 'viem'
import { loadKzg } from '../../l1-contracts/index.ts'
import type { BlobSource } from './blobs/blobSource.ts'
import { fallbackBlobSource } from './blobs/fallbackBlobSource.ts'
import { StoreMismatchError } from './errors.ts'
import { createL1Reader, type L1Reader } from './l1/l1Reader.ts'
import { silentLogger, type NodeContext, type NodeLogger, type NodeOptions } from './nodeContext.ts'
import type { RetryPolicy } from './retry/withRetry.ts'
import { RollupNode } from './rollupNode.ts'
import { NodeState } from './state/nodeState.ts'
import { NodeStore } from './store/nodeStore.ts'

/**
 * Opens a node for the rollup at `rollup` on the L1 behind `client` (or a ready `l1` reader):
 * reads the deployment's parameters, domain and genesis root from the contract, opens (or
 * creates) the store at `storePath` and checks that it belongs to this deployment, loads the
 * state and the undo records into memory and checks the state root against the last applied
 * batch. Blobs come from `blobs` (one source or several, asked in order); every blob is checked
 * against its versioned hash with KZG (`kzg`, c-kzg by default) before the node believes it.
 *
 * @example
 * ```ts
 * const node = await createNode({
 *   client: publicClient, rollup: '0x...', fromBlock: deployment.blockNumber, storePath: 'node.sqlite',
 *   blobs: [archiveBlobSource({ dir: 'blobs' }), beaconBlobSource({ url: 'http://localhost:5052' })],
 * })
 * await node.sync()
 * ```
 */
export async function createNode(params: {
  client?: PublicClient
  l1?: L1Reader
  rollup: Address
  /** The rollup's deployment block (where its events start). */
  fromBlock: bigint
  storePath: string
  blobs: BlobSource | readonly BlobSource[]
  kzg?: Pick<Kzg, 'blobToKzgCommitment'> | false
  retry?: RetryPolicy
  logger?: NodeLogger
  options?: Partial<NodeOptions>
}): Promise<RollupNode> {
  const l1 = params.l1 ?? (params.client ? createL1Reader({ client: params.client, rollup: params.rollup, ...(params.retry ? { retry: params.retry } : {}) }) : undefined)
  if (!l1) throw new TypeError('createNode needs a client or an l1 reader')
  const [chainId, config] = await Promise.all([l1.chainId(), l1.rollupConfig()])
  const identity = { chainId, rollup: l1.rollup, params: config.params, domain: config.domain, genesisStateRoot: config.genesisStateRoot, fromBlock: params.fromBlock }
  const store = NodeStore.open({ path: params.storePath, identity })
  try {
    const saved = store.loadState()
    const state = new NodeState({ depth: config.params.depth, nodes: saved.nodes, accounts: saved.accounts, nextIndex: saved.nextIndex })
    const last = store.lastApplied()
    const expected = last ? last.stateRoot : config.genesisStateRoot
    if (state.head.root !== expected) {
      throw new StoreMismatchError({ message: `the stored state has root 0x${state.head.root.toString(16)}, the last applied batch ${last?.number ?? 0n} has 0x${expected.toString(16)}` })
    }
    const sources = Array.isArray(params.blobs) ? params.blobs : [params.blobs as BlobSource]
    const kzg = params.kzg === false ? undefined : (params.kzg ?? loadKzg())
    const logger = params.logger ?? silentLogger
    const blobs = fallbackBlobSource({ sources, ...(kzg ? { kzg } : {}), onError: (source, e) => logger.warn({ source, err: e instanceof Error ? e.message : String(e) }, 'blob source failed') })
    const context: NodeContext = {
      identity,
      store,
      state,
      undos: store.loadUndos(),
      l1,
      blobs,
      logger,
      options: { confirmations: 2n, rangeSize: 2_000n, checks: 'auto', ...params.options },
    }
    return new RollupNode(context)
  } catch (e) {
    store.close()
    throw e
  }
}
