import type { Address } from 'viem'
import { QUEUE_KIND } from '../../../../protocol/index.ts'
import type { L1Client } from '../../client/types.ts'
import { NotFoundError } from '../../errors/NotFoundError.ts'
import { getQueueEntry } from './getQueueEntry.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * In escape mode, refunds a deposit that no finalized batch consumed to its sender
 * (`escapeRefundDeposit`), restating the entry from its L1 event: computable from L1 alone.
 * Anyone may send it; once per deposit.
 *
 * @example
 * ```ts
 * await refundDeposit(walletClient, { rollup, position: queued.position })
 * ```
 */
export async function refundDeposit(l1: L1Client, params: { rollup: Address; chainId?: bigint; position: bigint; fromBlock?: bigint }): Promise<L1ActionResult> {
  const q = await getQueueEntry(l1, params)
  if (q.entry.kind !== QUEUE_KIND.DEPOSIT) throw new NotFoundError({ code: 'NO_EXIT', message: `queue entry ${params.position} is not a deposit (kind ${q.entry.kind})` })
  const f = q.fields
  const deposit = { sender: q.sender, toIndex: f.index, tokenId: f.tokenId, amount: f.amount, pubKeyX: f.pubKeyX, pubKeyY: f.pubKeyY }
  return writeRollup(l1, { ...params, functionName: 'escapeRefundDeposit', args: [params.position, deposit] })
}
