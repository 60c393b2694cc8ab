import type { Address } from 'viem'
import type { L1Client } from '../../client/types.ts'
import { getQueueFee } from './getQueueFee.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * Withdraws from an L2 account the wallet owns through the L1 queue (`forcedWithdraw`, paying
 * `queueFee()`), without the sequencer's cooperation: paid to the wallet's own address once
 * the batch consuming it is finalized and the exit is claimed. Follow it with
 * `getWithdrawalStatus({ position })`.
 *
 * @example
 * ```ts
 * const { queued } = await forcedWithdraw(walletClient, { rollup, from: 1n, amount: parseEther('0.5') })
 * await waitForWithdrawal(publicClient, { rollup, ref: { position: queued!.position }, until: 'finalized' })
 * ```
 */
export async function forcedWithdraw(l1: L1Client, params: { rollup: Address; chainId?: bigint; from: bigint; amount: bigint }): Promise<L1ActionResult> {
  const fee = await getQueueFee(l1, params)
  return writeRollup(l1, { ...params, functionName: 'forcedWithdraw', args: [params.from, params.amount], value: fee })
}
