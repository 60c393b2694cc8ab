import { publicInputsTuple } from '../../l1-contracts/index.ts'
import type { ChunkProof } from '../proveChunk.ts'
import type { ProofJob, ProofSink, ServiceLogger } from '../proverService.ts'
import { TxRevertedError } from '../errors.ts'
import { finalizeProvenBatches } from './finalizeProvenBatches.ts'
import type { ProofSystem } from './proofSystem.ts'
import { revertName, type RollupContract } from './rollupContract.ts'

/**
 * Reverts of `prove` that mean the job is moot, not that the proof is wrong: another prover
 * proved the chunk first, the batch was finalized or reverted meanwhile, or L1 now holds
 * another chunk under this number (a revert and a new commit the source has not read yet).
 */
const MOOT = new Set(['ChunkAlreadyProven', 'BatchNotPending', 'UnknownChunk', 'PublicInputsMismatch'])

/** What a submission did (also logged). */
export type SubmitOutcome = 'proven' | 'moot'

/** An L1 {@link ProofSink} that also says what became of each proof. */
export interface L1ProofSink extends ProofSink {
  /** Outcomes of the submissions so far, in order (for tests and status). */
  readonly outcomes: readonly { batch: bigint; chunk: number; outcome: SubmitOutcome; reason?: string; gasUsed?: bigint }[]
}

/**
 * Submits proofs to the rollup's `prove(batch, chunk, publicInputs, proof)` from the prover's
 * account, then finalizes every batch that became fully proven (`finalizeProvenBatches`).
 * Several provers may run at once: a chunk proven by another prover first (`ChunkAlreadyProven`,
 * found by the simulation, or a transaction of ours that lost the race), a batch finalized or
 * reverted meanwhile, or a chunk that L1 replaced, are logged and skipped, never retried.
 * Any other failure throws (the service retries the job with backoff).
 *
 * @example
 * ```ts
 * const sink = l1ProofSink({ rollup: rollupContract({ publicClient, walletClient, address }), system, logger })
 * startProverService({ source, sink, wasm: system.wasm, zkey: system.zkey, prove: system.prove, logger })
 * ```
 */
export function l1ProofSink(params: { rollup: RollupContract; system: Pick<ProofSystem, 'encode'>; logger: ServiceLogger; finalize?: boolean }): L1ProofSink {
  const { rollup, system, logger } = params
  const outcomes: { batch: bigint; chunk: number; outcome: SubmitOutcome; reason?: string; gasUsed?: bigint }[] = []
  return {
    outcomes,
    async submit(job: ProofJob, proof: ChunkProof) {
      const args = [job.batch, BigInt(job.chunkIndex), publicInputsTuple(job.chunk.publicInputs), system.encode({ chunk: job.chunk, proof })]
      const where = { batch: String(job.batch), chunk: job.chunkIndex }
      try {
        const receipt = await rollup.send('prove', args)
        if (receipt.status === 'success') {
          outcomes.push({ batch: job.batch, chunk: job.chunkIndex, outcome: 'proven', gasUsed: receipt.gasUsed })
          logger.info({ ...where, gasUsed: String(receipt.gasUsed), tx: receipt.transactionHash }, 'chunk proof accepted on L1')
        } else {
          // Included but reverted: most likely another prover's proof landed first in the same block.
          const state = await rollup.chunkState(job.batch, job.chunkIndex)
          if (!state.proven) throw new TxRevertedError({ what: `prove(${job.batch}, ${job.chunkIndex})`, transactionHash: receipt.transactionHash })
          outcomes.push({ batch: job.batch, chunk: job.chunkIndex, outcome: 'moot', reason: 'ChunkAlreadyProven' })
          logger.info(where, 'chunk proven by another prover in the same block')
        }
      } catch (e) {
        const name = revertName(e)
        if (!name || !MOOT.has(name)) throw e
        outcomes.push({ batch: job.batch, chunk: job.chunkIndex, outcome: 'moot', reason: name })
        logger.info({ ...where, reason: name }, name === 'ChunkAlreadyProven' ? 'chunk already proven by another prover; skipped' : 'L1 no longer expects this proof; skipped')
      }
      if (params.finalize ?? true) await finalizeProvenBatches({ rollup, logger })
    },
  }
}
