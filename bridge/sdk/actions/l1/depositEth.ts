import type { Address } from 'viem'
import type { L2Key, Point } from '../../../../protocol/index.ts'
import type { L1Client } from '../../client/types.ts'
import { getQueueFee } from './getQueueFee.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * Deposits ETH from the L1 wallet into the rollup (`depositETH`, paying `amount + queueFee()`):
 * to a new account of the wallet (`toIndex` 0, the default) registered with `key` (or
 * `publicKey`; without one the account has no key until `setL2Key`), or to an existing
 * account `toIndex`. Returns the queue entry: the sequencer applies it, then the account
 * appears on L2 (`waitForAccount`); `getQueueEntryStatus` follows it on L1.
 *
 * @example
 * ```ts
 * const { queued } = await depositEth(walletClient, { rollup, chainId, amount: parseEther('1'), key })
 * ```
 */
export async function depositEth(
  l1: L1Client,
  params: { rollup: Address; chainId?: bigint; amount: bigint; toIndex?: bigint; key?: L2Key; publicKey?: Point },
): Promise<L1ActionResult> {
  const pk = params.publicKey ?? params.key?.publicKey ?? { x: 0n, y: 0n }
  const fee = await getQueueFee(l1, params)
  return writeRollup(l1, { ...params, functionName: 'depositETH', args: [params.amount, params.toIndex ?? 0n, pk.x, pk.y], value: params.amount + fee })
}
