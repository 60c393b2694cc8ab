import type { Address } from 'viem'
import type { L1Client } from '../../client/types.ts'
import type { BlobGetter } from './BatchDataSource.ts'
import { getWithdrawalStatus, type WithdrawalRef, type WithdrawalStatus } from './getWithdrawalStatus.ts'
import { withdrawalStageReached, type WithdrawalStage } from './withdrawalStageReached.ts'
import { poll } from './poll.ts'

/**
 * Waits until a withdrawal reaches `until` (default `finalized`, i.e. claimable) by polling
 * {@link getWithdrawalStatus} on L1. Throws `WaitTimeoutError` after `timeoutMs` (default 10 min).
 *
 * @example
 * ```ts
 * const { batch, chunk, exitPosition } = await waitForWithdrawal(publicClient, { rollup, ref: { sequence }, until: 'finalized' })
 * ```
 */
export function waitForWithdrawal(
  l1: L1Client,
  params: { rollup: Address; ref: WithdrawalRef; until?: WithdrawalStage; fromBlock?: bigint; blobs?: BlobGetter; firstSequence?: bigint; pollingIntervalMs?: number; timeoutMs?: number },
): Promise<WithdrawalStatus> {
  const target = params.until ?? 'finalized'
  return poll({
    what: `withdrawal ${JSON.stringify(params.ref, (_, v) => (typeof v === 'bigint' ? v.toString() : v))} reaching ${target}`,
    read: () => getWithdrawalStatus(l1, params),
    done: (s) => withdrawalStageReached({ stage: s.stage, target }),
    ...(params.pollingIntervalMs !== undefined ? { pollingIntervalMs: params.pollingIntervalMs } : {}),
    ...(params.timeoutMs !== undefined ? { timeoutMs: params.timeoutMs } : {}),
  })
}
