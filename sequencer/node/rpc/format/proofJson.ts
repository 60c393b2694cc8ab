import type { Address, Hex } from 'viem'
import type { ExitLeaf } from '../../../../protocol/index.ts'
import { toQuantity } from '../../../rpc/hex.ts'
import type { escapeWithdrawArgs } from '../../../../l1-contracts/index.ts'
import type { DepositEntryArg } from '../../read/getDepositRefund.ts'
import type { WithdrawalProofJson as SequencerWithdrawalProofJson } from '../../../rpc/rpcSchema.ts'
import { exitJson } from './batchJson.ts'

/** What `rollup_getWithdrawalProof` answers (the sequencer's shape): the batch and chunk, the exit and the `claimExit(batch, chunk, position, recipient, tokenId, amount, siblings, txListCommitment)` arguments. */
export type WithdrawalProofJson = SequencerWithdrawalProofJson

/** What `rollup_getEscapeProof` answers: the finalized state it is from and the `escapeWithdraw(accountIndex, leaf, accountRoot, nextIndex, siblings)` arguments. */
export interface EscapeProofJson {
  batch: Hex
  stateRoot: Hex
  args: [index: Hex, leaf: { pubKeyX: Hex; pubKeyY: Hex; balance: Hex; owner: Hex; tokenId: Hex; nonce: Hex }, accountRoot: Hex, nextIndex: Hex, siblings: Hex[]]
}

/** What `rollup_getDepositRefund` answers: the `escapeRefundDeposit(position, entry)` arguments. */
export interface DepositRefundJson {
  args: [position: Hex, entry: { sender: Hex; toIndex: Hex; tokenId: Hex; amount: Hex; pubKeyX: Hex; pubKeyY: Hex }]
}

const h = toQuantity

/**
 * `getExitProof`'s answer as JSON (hex quantities).
 *
 * @example
 * ```ts
 * withdrawalProofJson(getExitProof(node, { batch: 3n, chunk: 0, position: 5 }))
 * ```
 */
export function withdrawalProofJson(p: { exit: ExitLeaf; args: readonly [bigint, bigint, bigint, Address, bigint, bigint, readonly bigint[], bigint] }): WithdrawalProofJson {
  const [batch, chunk, position, recipient, tokenId, amount, siblings, txListCommitment] = p.args
  return { batch: h(batch), chunk: h(chunk), exit: exitJson(p.exit), args: [h(batch), h(chunk), h(position), recipient.toLowerCase() as Hex, h(tokenId), h(amount), siblings.map(h), h(txListCommitment)] }
}

/**
 * `getEscapeProof`'s answer as JSON.
 *
 * @example
 * ```ts
 * escapeProofJson(getEscapeProof(node, { index: 7n }))
 * ```
 */
export function escapeProofJson(p: { batch: bigint; stateRoot: bigint; args: ReturnType<typeof escapeWithdrawArgs> }): EscapeProofJson {
  const [index, leaf, accountRoot, nextIndex, siblings] = p.args
  return {
    batch: h(p.batch),
    stateRoot: h(p.stateRoot),
    args: [
      h(index),
      { pubKeyX: h(leaf.pubKeyX), pubKeyY: h(leaf.pubKeyY), balance: h(leaf.balance), owner: leaf.owner.toLowerCase() as Hex, tokenId: h(leaf.tokenId), nonce: h(leaf.nonce) },
      h(accountRoot),
      h(nextIndex),
      siblings.map(h),
    ],
  }
}

/**
 * `getDepositRefund`'s answer as JSON.
 *
 * @example
 * ```ts
 * depositRefundJson(getDepositRefund(node, { position: 12n }))
 * ```
 */
export function depositRefundJson(p: { args: readonly [bigint, DepositEntryArg] }): DepositRefundJson {
  const [position, e] = p.args
  return { args: [h(position), { sender: e.sender.toLowerCase() as Hex, toIndex: h(e.toIndex), tokenId: h(e.tokenId), amount: h(e.amount), pubKeyX: h(e.pubKeyX), pubKeyY: h(e.pubKeyY) }] }
}
