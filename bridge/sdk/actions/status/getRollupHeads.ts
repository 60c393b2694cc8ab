import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'

/** The rollup's heads on L1. */
export interface RollupHeads {
  /** Queue entries ever added. */
  queueLength: bigint
  /** Queue position after the last committed batch. */
  committedQueue: bigint
  /** Queue position after the last finalized batch. */
  finalizedQueue: bigint
  /** Number of the last committed batch (batches count from 1). */
  committedBatches: bigint
  /** Number of the last finalized batch. */
  finalizedBatches: bigint
  escapeMode: boolean
}

/**
 * The rollup's heads on L1 (`heads()`): queue length, committed and finalized queue
 * positions and batch numbers, escape mode.
 *
 * @example
 * ```ts
 * const { finalizedBatches } = await getRollupHeads(publicClient, { rollup })
 * ```
 */
export async function getRollupHeads(l1: L1Client, params: { rollup: Address }): Promise<RollupHeads> {
  const [queueLength, committedQueue, finalizedQueue, committedBatches, finalizedBatches, escapeMode] = await readContract(l1, {
    address: params.rollup,
    abi: counterweightRollupAbi,
    functionName: 'heads',
  })
  return { queueLength, committedQueue, finalizedQueue, committedBatches, finalizedBatches, escapeMode }
}
