import type { Address } from 'viem'
import type { L2Key, Point } from '../../../../protocol/index.ts'
import type { L1Client } from '../../client/types.ts'
import { MissingParameterError } from '../../errors/MissingParameterError.ts'
import { getQueueFee } from './getQueueFee.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * Registers (or replaces) the L2 key of an account the L1 wallet owns, through the L1 queue
 * (`setKey`, paying `queueFee()`): the way to recover an account whose key is lost, or to
 * give a key to an account deposited without one. Applied when the entry is consumed; an
 * entry from a non-owner is a no-op.
 *
 * @example
 * ```ts
 * await setL2Key(walletClient, { rollup, index: 3n, key: await deriveWalletL2Key(walletClient, { rollup, chainId, keyIndex: 1 }) })
 * ```
 */
export async function setL2Key(l1: L1Client, params: { rollup: Address; chainId?: bigint; index: bigint; key?: L2Key; publicKey?: Point }): Promise<L1ActionResult> {
  const pk = params.publicKey ?? params.key?.publicKey
  if (!pk) throw new MissingParameterError({ parameter: 'key', action: 'setL2Key', hint: 'pass `key` (deriveWalletL2Key) or `publicKey`.' })
  const fee = await getQueueFee(l1, params)
  return writeRollup(l1, { ...params, functionName: 'setKey', args: [params.index, pk.x, pk.y], value: fee })
}
