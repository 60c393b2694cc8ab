import type { Address } from 'viem'
import type { L1Client } from '../../client/types.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * Starts escape mode (`activateEscapeMode`), possible for anyone once a queue entry has waited
 * longer than `escapeDelay` without a finalized batch consuming it (see
 * `getQueueEntryStatus(...).escapeAvailableAt`). Irreversible: the rollup freezes at its last
 * finalized state; balances leave through `escapeWithdraw`, unconsumed deposits through
 * `refundDeposit`, finalized exits through `claimWithdrawal`.
 *
 * @example
 * ```ts
 * await activateEscapeMode(walletClient, { rollup })
 * ```
 */
export function activateEscapeMode(l1: L1Client, params: { rollup: Address; chainId?: bigint }): Promise<L1ActionResult> {
  return writeRollup(l1, { ...params, functionName: 'activateEscapeMode', args: [] })
}
