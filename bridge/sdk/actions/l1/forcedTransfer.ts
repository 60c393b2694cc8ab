import type { Address } from 'viem'
import type { L1Client } from '../../client/types.ts'
import { getQueueFee } from './getQueueFee.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * Transfers between L2 accounts through the L1 queue (`forcedTransfer`, paying `queueFee()`),
 * without the sequencer's cooperation: the sequencer must include it within the inclusion
 * delay, or anyone may commit it (and later escape mode opens). The wallet must own `from`;
 * otherwise the entry is consumed as a no-op. Follow it with `getQueueEntryStatus`.
 *
 * @example
 * ```ts
 * const { queued } = await forcedTransfer(walletClient, { rollup, from: 1n, to: 2n, amount: 10n ** 16n })
 * ```
 */
export async function forcedTransfer(l1: L1Client, params: { rollup: Address; chainId?: bigint; from: bigint; to: bigint; amount: bigint }): Promise<L1ActionResult> {
  const fee = await getQueueFee(l1, params)
  return writeRollup(l1, { ...params, functionName: 'forcedTransfer', args: [params.from, params.to, params.amount], value: fee })
}
