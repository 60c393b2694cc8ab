import type { Address } from 'viem'
import { QUEUE_KIND, bigintToAddress } from '../../../protocol/index.ts'
import { NotFoundError } from '../errors.ts'
import type { RollupNode } from '../rollupNode.ts'

/** The `DepositEntry` struct `escapeRefundDeposit` takes. */
export interface DepositEntryArg {
  sender: Address
  toIndex: bigint
  tokenId: bigint
  amount: bigint
  pubKeyX: bigint
  pubKeyY: bigint
}

/**
 * The arguments of `escapeRefundDeposit(position, entry)` for a deposit that no finalized
 * batch consumed (in escape mode it is refunded to its sender), from the queue events.
 * Throws `NotFoundError` for a position that holds no such deposit.
 *
 * @example
 * ```ts
 * const { args } = getDepositRefund(node, { position: 12n })
 * ```
 */
export function getDepositRefund(node: RollupNode, params: { position: bigint }): { args: readonly [bigint, DepositEntryArg] } {
  const { store } = node.context
  const [q] = store.queueEntries(params.position, 1)
  if (!q) throw new NotFoundError({ what: `queue entry ${params.position}` })
  if (q.entry.kind !== QUEUE_KIND.DEPOSIT) throw new NotFoundError({ what: `deposit at queue position ${params.position}`, detail: `it is of kind ${q.entry.kind}` })
  const finalizedQueue = store.lastFinalized()?.queueEnd ?? 0n
  if (params.position < finalizedQueue) {
    throw new NotFoundError({ what: `refundable deposit at queue position ${params.position}`, detail: `it was consumed by a finalized batch (finalized queue end ${finalizedQueue})` })
  }
  const f = q.fields
  return { args: [params.position, { sender: bigintToAddress(f.sender), toIndex: f.index, tokenId: f.tokenId, amount: f.amount, pubKeyX: f.pubKeyX, pubKeyY: f.pubKeyY }] }
}
