import type { Address } from 'viem'
import type { L1Client } from '../../client/types.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * Withdraws what the rollup owes the wallet in a token (`withdrawOwed`): payouts its address
 * refused (a contract without `receive`, a token blocklist) and, for committers, the queue
 * fees of consumed entries. Paid to `to` (default: the wallet).
 *
 * @example
 * ```ts
 * await withdrawOwed(walletClient, { rollup, tokenId: 0n })
 * ```
 */
export function withdrawOwed(l1: L1Client, params: { rollup: Address; chainId?: bigint; tokenId?: bigint; to?: Address }): Promise<L1ActionResult> {
  const to = params.to ?? l1.account?.address
  return writeRollup(l1, { ...params, functionName: 'withdrawOwed', args: [params.tokenId ?? 0n, to] })
}
