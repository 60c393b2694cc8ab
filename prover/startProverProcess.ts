import { rpcSignatureSource } from './l1/signatureSource.ts'
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { l1Chain } from '../l1-contracts/index.ts'
import { archiveBlobSource, beaconBlobSource, createNode, rpcBlobSource, type BlobSource, type RollupNode } from '../sequencer/node/index.ts'
import type { ProverConfig } from './config/proverConfig.ts'
import { finalizeProvenBatches } from './l1/finalizeProvenBatches.ts'
import { l1ProofJobSource, type L1ProofJobSource } from './l1/l1ProofJobSource.ts'
import { l1ProofSink, type L1ProofSink } from './l1/l1ProofSink.ts'
import { groth16ProofSystem, insecureMockProofSystem, type ProofSystem } from './l1/proofSystem.ts'
import { rollupContract, type L1PublicClient, type L1WalletClient, type RollupContract } from './l1/rollupContract.ts'
import { startProverService, type ProverService, type ServiceLogger } from './proverService.ts'

/** The L1 side of a prover or take-over, built from the configuration. */
export interface ProverL1 {
  publicClient: L1PublicClient
  walletClient: L1WalletClient
  rollup: RollupContract
  node: RollupNode
  system: ProofSystem
}

/**
 * Connects to L1 as the configuration says: viem clients (the wallet signs with
 * `config.privateKey`), the prover's node (store `config.storePath`; blobs from the archive
 * folder, the beacon API and the L1 endpoint, in that order) and the proof system (for
 * `groth16-dev`, the INSECURE development keys of the rollup's parameters, built on demand).
 *
 * @example
 * ```ts
 * const l1 = await connectProverL1({ config, logger, confirmations: 0n })
 * ```
 */
export async function connectProverL1(params: { config: ProverConfig; logger: ServiceLogger; confirmations?: bigint; storePath?: string }): Promise<ProverL1> {
  const { config, logger } = params
  const transport = http(config.l1RpcUrl, { retryCount: 3, timeout: 60_000 })
  const probe = createPublicClient({ transport })
  const chainId = await probe.getChainId()
  const chain = l1Chain({ chainId, rpcUrl: config.l1RpcUrl })
  const publicClient = createPublicClient({ chain, transport }) as L1PublicClient
  const walletClient = createWalletClient({ account: privateKeyToAccount(config.privateKey), chain, transport }) as L1WalletClient
  const blobs: BlobSource[] = []
  if (config.blobArchive) blobs.push(archiveBlobSource({ dir: config.blobArchive }))
  if (config.beaconUrl) blobs.push(beaconBlobSource({ url: config.beaconUrl }))
  blobs.push(rpcBlobSource({ client: publicClient }))
  const node = await createNode({
    client: publicClient as PublicClient,
    rollup: config.rollup,
    fromBlock: config.deploymentBlock,
    storePath: params.storePath ?? config.storePath,
    blobs,
    logger,
    options: { confirmations: params.confirmations ?? config.confirmations },
  })
  try {
    const system = await proofSystemFor({ config, node, logger })
    return { publicClient, walletClient, rollup: rollupContract({ publicClient, walletClient, address: config.rollup }), node, system }
  } catch (e) {
    await node.close()
    throw e
  }
}

async function proofSystemFor(params: { config: ProverConfig; node: RollupNode; logger: ServiceLogger }): Promise<ProofSystem> {
  const { proofs } = params.config
  if (proofs.kind === 'insecure-mock') {
    params.logger.warn({}, 'INSECURE mock proofs: only a rollup deployed with the mock verifier accepts them')
    return insecureMockProofSystem()
  }
  if (proofs.kind === 'groth16') return groth16ProofSystem(proofs)
  const { ensureChunkKeys } = await import('../circuits/index.ts')
  const chunkParams = params.node.context.identity.params
  params.logger.warn({ params: chunkParams }, 'INSECURE development keys of the chunk circuit (built on first use)')
  const keys = await ensureChunkKeys({ params: chunkParams, log: (line) => params.logger.info({}, line) })
  return groth16ProofSystem({ wasm: keys.wasm, zkey: keys.zkey })
}

/** A running prover process (see {@link startProverProcess}). */
export interface ProverProcess {
  readonly service: ProverService
  readonly source: L1ProofJobSource
  readonly sink: L1ProofSink
  readonly l1: ProverL1
  /** Stops after the proof in progress (if any), then closes the node's store. */
  stop(): Promise<void>
}

/**
 * The prover as a process: reads committed, unproven chunks from L1 (`l1ProofJobSource`),
 * proves them (`config.proofs`), submits them (`l1ProofSink`, which finalizes completed
 * batches), and every `finalizeEveryMs` (default 10 polls) finalizes batches others proved.
 * It needs nothing from the sequencer: an L1 endpoint, the rollup's address and deployment
 * block, a funded key, and the circuit files. The CLI calls this; `prover/main.ts` runs it.
 *
 * @example
 * ```ts
 * const prover = await startProverProcess({ config: proverConfigFromEnv(process.env), logger: pino() })
 * process.once('SIGINT', () => void prover.stop())
 * ```
 */
export async function startProverProcess(params: { config: ProverConfig; logger: ServiceLogger; progressMs?: number; finalizeEveryMs?: number }): Promise<ProverProcess> {
  const { config, logger } = params
  const l1 = await connectProverL1({ config, logger })
  const source = l1ProofJobSource({ node: l1.node, rollup: l1.rollup, logger, ...(config.sequencerUrl ? { signatures: rpcSignatureSource({ url: config.sequencerUrl }) } : {}) })
  const sink = l1ProofSink({ rollup: l1.rollup, system: l1.system, logger })
  logger.info({ rollup: config.rollup, prover: l1.walletClient.account.address, proofs: l1.system.kind, params: l1.node.context.identity.params, store: config.storePath }, 'prover starting')
  const service = startProverService({ source, sink, wasm: l1.system.wasm, zkey: l1.system.zkey, prove: l1.system.prove, logger, pollMs: config.pollMs, ...(params.progressMs !== undefined ? { progressMs: params.progressMs } : {}) })
  let stopping = false
  let wake: (() => void) | undefined
  const finalizer = (async () => {
    while (!stopping) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, params.finalizeEveryMs ?? config.pollMs * 10)
        wake = () => {
          clearTimeout(t)
          resolve()
        }
      })
      if (stopping) break
      try {
        await finalizeProvenBatches({ rollup: l1.rollup, logger })
      } catch (e) {
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'finalizing failed; trying again later')
      }
    }
  })()
  return {
    service,
    source,
    sink,
    l1,
    async stop() {
      stopping = true
      wake?.()
      await Promise.all([service.stop(), finalizer])
      await l1.node.close()
      logger.info({ proven: service.proven }, 'prover stopped')
    },
  }
}
