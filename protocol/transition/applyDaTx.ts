import { BITS, RECORD_TYPE, TX_TYPE } from '../constants.ts'
import type { DaTx } from '../da/chunkData.ts'
import { isNoKey } from '../eddsa/babyjub.ts'
import type { L2Tx } from '../tx/l2Tx.ts'
import type { RollupState } from '../state/rollupState.ts'
import { accessAccount, exists, unusedAccess } from './access.ts'
import type { AccessWitness, ExitLeaf, ReasonCode } from './outcomes.ts'

const MAX_BALANCE = (1n << BigInt(BITS.AMOUNT)) - 1n
const MAX_NONCE = (1n << BigInt(BITS.NONCE)) - 1n

/** An L2 transaction applied from its DA form. */
export interface DaStep {
  a: AccessWitness
  b: AccessWitness
  /** Token of the sending account (the fee's token). */
  tokenId: bigint
  exit?: ExitLeaf
}

/**
 * Why a DA transaction cannot apply to `state`, or undefined when it can. This is every rule
 * of an L2 transaction except the signature (the DA carries none): sender exists and has a
 * key, nonce not exhausted, balance covers amount plus fee, and the destination rule of its
 * record type.
 *
 * @example
 * ```ts
 * checkDaTx(state, { type: RECORD_TYPE.TRANSFER, from: 1n, to: 9n, amount: 5n, fee: 0n }) // 'UNKNOWN_RECIPIENT'
 * ```
 */
export function checkDaTx(state: RollupState, tx: DaTx): ReasonCode | undefined {
  if (!exists(state, tx.from)) return 'UNKNOWN_ACCOUNT'
  const src = state.get(tx.from)!
  if (isNoKey(src.publicKey)) return 'NO_KEY'
  if (src.nonce >= MAX_NONCE) return 'NONCE_EXHAUSTED'
  if (src.balance < tx.amount + tx.fee) return 'INSUFFICIENT_BALANCE'
  switch (tx.type) {
    case RECORD_TYPE.TRANSFER:
    case RECORD_TYPE.TRANSFER_TO_L1_EXISTING: {
      if (!exists(state, tx.to)) return 'UNKNOWN_RECIPIENT'
      const dst = state.get(tx.to)!
      if (dst.tokenId !== src.tokenId) return 'TOKEN_MISMATCH'
      const credited = tx.to === tx.from ? dst.balance - tx.fee : dst.balance + tx.amount
      if (credited > MAX_BALANCE) return 'BALANCE_OVERFLOW'
      return undefined
    }
    case RECORD_TYPE.TRANSFER_TO_L1_NEW:
      if (!state.hasRoom) return 'TREE_FULL'
      if (tx.to !== state.nextIndex) return 'UNKNOWN_RECIPIENT'
      return undefined
    case RECORD_TYPE.WITHDRAW:
      return tx.to === 0n ? undefined : 'UNKNOWN_RECIPIENT'
  }
}

/**
 * Applies a DA transaction that {@link checkDaTx} accepted: debits amount and fee from the
 * sender and bumps its nonce, then credits the destination (or creates it, or writes the
 * exit at `exitPosition`). Fees are not credited here: the chunk adds them up per token and
 * pays the fee accounts once at its end.
 *
 * @example
 * ```ts
 * const step = applyDaTx({ state, tx, exitPosition: nQueue + slot })
 * ```
 */
export function applyDaTx(params: { state: RollupState; tx: DaTx; exitPosition: number }): DaStep {
  const { state, tx, exitPosition } = params
  const reason = checkDaTx(state, tx)
  if (reason) throw new Error(`applyDaTx on a transaction that does not apply: ${reason}`)
  const tokenId = state.get(tx.from)!.tokenId
  const a = accessAccount(state, tx.from, (s) => ({ ...s!, balance: s!.balance - tx.amount - tx.fee, nonce: s!.nonce + 1n }))
  switch (tx.type) {
    case RECORD_TYPE.TRANSFER:
    case RECORD_TYPE.TRANSFER_TO_L1_EXISTING: {
      const b = accessAccount(state, tx.to, (d) => ({ ...d!, balance: d!.balance + tx.amount }))
      return { a, b, tokenId }
    }
    case RECORD_TYPE.TRANSFER_TO_L1_NEW: {
      const b = accessAccount(state, tx.to, () => ({
        owner: tx.address!,
        publicKey: { x: 0n, y: 0n },
        tokenId,
        balance: tx.amount,
        nonce: 0n,
      }))
      return { a, b, tokenId }
    }
    case RECORD_TYPE.WITHDRAW:
      return { a, b: unusedAccess(state), tokenId, exit: { position: exitPosition, recipient: tx.address!, tokenId, amount: tx.amount } }
  }
}

/**
 * The signed L2 transaction that a DA transaction stands for, read against the state before
 * it applies (the nonce is the sender's, a transfer to an existing L1 account names that
 * account's owner): what the node needs to recompute transaction hashes from DA alone.
 *
 * @example
 * ```ts
 * txHash({ tx: daTxToL2Tx(state, da), domain })
 * ```
 */
export function daTxToL2Tx(state: RollupState, tx: DaTx): L2Tx {
  const nonce = state.get(tx.from)?.nonce ?? 0n
  const base = { from: tx.from, amount: tx.amount, fee: tx.fee, nonce }
  switch (tx.type) {
    case RECORD_TYPE.TRANSFER:
      return { ...base, type: TX_TYPE.TRANSFER, to: tx.to }
    case RECORD_TYPE.TRANSFER_TO_L1_EXISTING:
      return { ...base, type: TX_TYPE.TRANSFER_TO_L1, toAddress: state.get(tx.to)?.owner ?? 0n }
    case RECORD_TYPE.TRANSFER_TO_L1_NEW:
      return { ...base, type: TX_TYPE.TRANSFER_TO_L1, toAddress: tx.address! }
    case RECORD_TYPE.WITHDRAW:
      return { ...base, type: TX_TYPE.WITHDRAW, recipient: tx.address! }
  }
}
