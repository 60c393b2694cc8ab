import { rpcSignatureSource } from '../l1/signatureSource.ts'
import type { ProverConfig } from '../config/proverConfig.ts'
import type { ServiceLogger } from '../proverService.ts'
import { connectProverL1 } from '../startProverProcess.ts'
import { takeOver, type TakeOverProgress, type TakeOverResult } from './takeOver.ts'

/**
 * `counterweight takeover`: one command, from the prover's configuration alone (L1 endpoint,
 * rollup, deployment block, a funded key, the circuit): rebuilds the state from L1 in a node of
 * its own (in memory unless `storePath`; never the store of a running prover), reading the
 * chain head with no confirmation depth, then runs {@link takeOver}. Closes the node on return.
 *
 * @example
 * ```ts
 * const r = await runTakeOver({ config: proverConfigFromEnv(process.env), logger, onProgress: (p) => console.log(p.message) })
 * ```
 */
export async function runTakeOver(params: {
  config: ProverConfig
  logger: ServiceLogger
  onProgress?: (p: TakeOverProgress) => void
  da?: 'blob' | 'calldata'
  storePath?: string
}): Promise<TakeOverResult> {
  const l1 = await connectProverL1({ config: params.config, logger: params.logger, confirmations: 0n, storePath: params.storePath ?? ':memory:' })
  try {
    return await takeOver({
      node: l1.node,
      publicClient: l1.publicClient,
      walletClient: l1.walletClient,
      rollup: params.config.rollup,
      system: l1.system,
      logger: params.logger,
      ...(params.da ? { da: params.da } : {}),
      ...(params.onProgress ? { onProgress: params.onProgress } : {}),
      ...(params.config.sequencerUrl ? { signatures: rpcSignatureSource({ url: params.config.sequencerUrl }) } : {}),
    })
  } finally {
    await l1.node.close()
  }
}
