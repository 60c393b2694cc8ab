import type { Address } from 'viem'
import type { L1Client } from '../../client/types.ts'
import type { BlobGetter } from './BatchDataSource.ts'
import { batchStageReached, type BatchStage } from './batchStageReached.ts'
import { findBatchOfQueuePosition } from './findBatchOfQueuePosition.ts'
import { getBatchStatus, type BatchStatus } from './getBatchStatus.ts'
import { locateSequence } from './locateSequence.ts'
import { poll } from './poll.ts'

/**
 * Waits until the batch holding an L2 transaction (`sequence`) or a queue entry (`position`)
 * is `until` on L1 (`committed`, `proven` or `finalized`; default `finalized`), reading the
 * rollup's heads, batch records and chunk states (and, for a sequence, the batch data). A
 * reverted batch simply keeps the wait going until another batch holds it. Throws
 * `WaitTimeoutError` after `timeoutMs` (default 10 min).
 *
 * @example
 * ```ts
 * const { sequence } = await client.transfer({ key, owner, to: 2n, amount })
 * const { batch } = await waitForBatch(publicClient, { rollup, sequence, until: 'committed' })
 * ```
 */
export async function waitForBatch(
  l1: L1Client,
  params: { rollup: Address; until?: BatchStage; fromBlock?: bigint; blobs?: BlobGetter; firstSequence?: bigint; pollingIntervalMs?: number; timeoutMs?: number } & (
    | { sequence: bigint }
    | { position: bigint }
  ),
): Promise<BatchStatus> {
  const target = params.until ?? 'finalized'
  const none: BatchStatus = { batch: 0n, stage: 'none', chunkCount: 0, provenChunks: 0, queueEnd: 0n, committedAt: 0n, stateRoot: 0n }
  return poll({
    what: `the batch holding ${'sequence' in params ? `sequence ${params.sequence}` : `queue entry ${params.position}`} being ${target}`,
    read: async () => {
      const batch = 'sequence' in params ? (await locateSequence(l1, params))?.batch : await findBatchOfQueuePosition(l1, params)
      return batch === undefined ? none : getBatchStatus(l1, { rollup: params.rollup, batch })
    },
    done: (s) => s.stage !== 'none' && batchStageReached({ stage: s.stage, target }),
    ...(params.pollingIntervalMs !== undefined ? { pollingIntervalMs: params.pollingIntervalMs } : {}),
    ...(params.timeoutMs !== undefined ? { timeoutMs: params.timeoutMs } : {}),
  })
}
