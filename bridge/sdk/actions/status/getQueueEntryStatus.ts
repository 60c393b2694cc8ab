import type { Address } from 'viem'
import { getBlock, readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'
import { NotFoundError } from '../../errors/NotFoundError.ts'
import { findBatchOfQueuePosition } from './findBatchOfQueuePosition.ts'
import { getBatchStatus, type BatchStage } from './getBatchStatus.ts'
import { getRollupHeads } from './getRollupHeads.ts'

/**
 * The forced-inclusion status of a queue entry:
 * - `pending`: no committed batch consumed it yet, and it is within the inclusion delay;
 * - `overdue`: not consumed and older than the inclusion delay: the sequencer can no longer
 *   commit without it, and anyone may commit-and-prove a batch that consumes it
 *   (`permissionless()`); escape mode opens at `escapeAvailableAt` unless a finalized batch
 *   consumes it first;
 * - `consumed`: committed batch `batch` consumed it (`stage`: committed, proven or finalized);
 * - `escape`: escape mode is active and no finalized batch consumed it (a deposit is refunded
 *   with `refundDeposit`).
 */
export interface QueueEntryStatus {
  position: bigint
  status: 'pending' | 'overdue' | 'consumed' | 'escape'
  /** The batch that consumed it (`consumed`, or `escape` when an unfinalized batch had). */
  batch: bigint | undefined
  stage: BatchStage | undefined
  /** L1 time the entry was added (unix seconds). */
  timestamp: bigint
  /** After this L1 time an unconsumed entry is overdue. */
  inclusionDeadline: bigint
  /** From this L1 time, if no finalized batch consumed it, anyone may start escape mode. */
  escapeAvailableAt: bigint
  /** The latest L1 block's time, which the status was computed at. */
  now: bigint
}

/**
 * Computes the forced-inclusion status of queue entry `position` from L1 alone (heads, batch
 * records, the entry's time, the delays and the latest block's time). Throws `NotFoundError`
 * (`QUEUE_ENTRY_NOT_FOUND`) beyond the queue.
 *
 * @example
 * ```ts
 * const { queued } = await forcedWithdraw(walletClient, { rollup, from: 1n, amount })
 * const s = await getQueueEntryStatus(publicClient, { rollup, position: queued!.position })
 * s.status // 'pending'
 * ```
 */
export async function getQueueEntryStatus(l1: L1Client, params: { rollup: Address; position: bigint }): Promise<QueueEntryStatus> {
  const { rollup, position } = params
  const read = <T>(functionName: string, args: readonly unknown[] = []) => readContract(l1, { address: rollup, abi: counterweightRollupAbi, functionName, args } as never) as Promise<T>
  const [heads, inclusionDelay, escapeDelay, block] = await Promise.all([getRollupHeads(l1, { rollup }), read<bigint>('inclusionDelay'), read<bigint>('escapeDelay'), getBlock(l1, { blockTag: 'latest' })])
  if (position < 0n || position >= heads.queueLength) throw new NotFoundError({ code: 'QUEUE_ENTRY_NOT_FOUND', message: `no queue entry at position ${position} (the queue holds ${heads.queueLength})` })
  const timestamp = await read<bigint>('queueEntryTime', [position])
  const now = block.timestamp
  const times = { position, timestamp, inclusionDeadline: timestamp + inclusionDelay, escapeAvailableAt: timestamp + escapeDelay, now }
  const batch = await findBatchOfQueuePosition(l1, { rollup, position })
  const stage = batch === undefined ? undefined : (await getBatchStatus(l1, { rollup, batch })).stage
  if (heads.escapeMode && stage !== 'finalized') return { ...times, status: 'escape', batch, stage }
  if (batch !== undefined) return { ...times, status: 'consumed', batch, stage }
  return { ...times, status: now > times.inclusionDeadline ? 'overdue' : 'pending', batch: undefined, stage: undefined }
}
