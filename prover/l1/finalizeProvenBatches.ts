import type { ServiceLogger } from '../proverService.ts'
import { revertName, type RollupContract } from './rollupContract.ts'

/** Reverts that mean someone else finalized (or L1 dropped) the batch first: not a failure. */
const BENIGN = new Set(['BatchNotNext', 'ChunkNotProven'])

/**
 * Finalizes, in order, every committed batch whose chunks are all proven (anyone may call
 * `finalize`). Stops at the first batch with an unproven chunk. Another prover finalizing the
 * same batch first is not an error (the simulation reverts with `BatchNotNext` and the loop
 * reads the heads again). Returns the batches this call finalized.
 *
 * @example
 * ```ts
 * const done = await finalizeProvenBatches({ rollup: rollupContract({ publicClient, walletClient, address }), logger })
 * ```
 */
export async function finalizeProvenBatches(params: { rollup: RollupContract; logger?: ServiceLogger; maxBatches?: number }): Promise<bigint[]> {
  const { rollup, logger } = params
  const done: bigint[] = []
  let attempts = 0
  while (attempts++ < (params.maxBatches ?? 64)) {
    const h = await rollup.heads()
    if (h.escapeMode || h.finalizedBatches >= h.committedBatches) break
    const batch = h.finalizedBatches + 1n
    const info = await rollup.batchInfo(batch)
    const states = await Promise.all(Array.from({ length: info.chunkCount }, (_, k) => rollup.chunkState(batch, k)))
    if (states.some((s) => !s.proven)) break
    try {
      const receipt = await rollup.send('finalize', [batch])
      if (receipt.status !== 'success') continue // someone finalized it in the same block: read the heads again
      done.push(batch)
      logger?.info({ batch: String(batch), gasUsed: String(receipt.gasUsed), tx: receipt.transactionHash }, 'batch finalized')
    } catch (e) {
      const name = revertName(e)
      if (!name || !BENIGN.has(name)) throw e
      logger?.info({ batch: String(batch), reason: name }, 'batch finalized by someone else')
    }
  }
  return done
}
