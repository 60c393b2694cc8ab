import { BITS, RECORD_TYPE, TX_TYPE } from '../constants.ts'
import type { DaTx } from '../da/chunkData.ts'
import { isNoKey } from '../eddsa/babyjub.ts'
import { verifyReason } from '../eddsa/eddsa.ts'
import { ProtocolError } from '../errors.ts'
import type { Account } from '../state/account.ts'
import type { RollupState } from '../state/rollupState.ts'
import { assertWellFormed, txHash, type L2Tx, type SignedL2Tx } from '../tx/l2Tx.ts'
import { checkDaTx } from './applyDaTx.ts'
import { REASON, type ReasonCode } from './outcomes.ts'

/** A signed transaction checked against a state: its DA form and hash, or why it is refused. */
export type Resolution = { ok: true; da: DaTx; hash: bigint } | Refusal

/** A refusal: the protocol's reason code and a message that says what was wrong. */
export interface Refusal {
  ok: false
  reason: ReasonCode
  detail: string
}

const MAX_NONCE = (1n << BigInt(BITS.NONCE)) - 1n
const refuse = (reason: ReasonCode, detail?: string): Refusal => ({ ok: false, reason, detail: detail ?? REASON[reason] })

/**
 * The first part of the protocol's `resolveL2Tx`, in its order: the transaction encodes
 * (amount and fee representable, fields in range), the sender exists, has an L2 key and has
 * not exhausted its nonce. Returns the sender's account (whose key the signature is checked
 * against). The nonce is compared by the caller: the mempool lets a transaction a little
 * ahead wait for its predecessors.
 *
 * @example
 * ```ts
 * const s = checkSender({ state: view, tx })
 * if (s.ok) verifyInWorker({ publicKey: s.account.publicKey, ... })
 * ```
 */
export function checkSender(params: { state: RollupState; tx: L2Tx }): { ok: true; account: Account } | Refusal {
  const { state, tx } = params
  try {
    assertWellFormed(tx)
  } catch (e) {
    return refuse('NOT_REPRESENTABLE', e instanceof ProtocolError ? e.message : String(e))
  }
  const account = tx.from > 0n && tx.from < state.nextIndex ? state.get(tx.from) : undefined
  if (!account) return refuse('UNKNOWN_ACCOUNT', `account ${tx.from} does not exist`)
  if (isNoKey(account.publicKey)) return refuse('NO_KEY', `account ${tx.from} has no L2 key yet: set one with a set-key or a deposit`)
  if (account.nonce >= MAX_NONCE) return refuse('NONCE_EXHAUSTED')
  return { ok: true, account }
}

/**
 * The protocol's nonce rule with its messages: the transaction's nonce must equal the
 * account's.
 *
 * @example
 * ```ts
 * checkNonce({ expected: 3n, nonce: 2n }) // { ok: false, reason: 'NONCE_TOO_LOW', detail: 'nonce too low: account nonce is 3, transaction has 2' }
 * ```
 */
export function checkNonce(params: { expected: bigint; nonce: bigint }): { ok: true } | Refusal {
  const { expected, nonce } = params
  if (nonce < expected) return refuse('NONCE_TOO_LOW', `nonce too low: account nonce is ${expected}, transaction has ${nonce}`)
  if (nonce > expected) return refuse('NONCE_TOO_HIGH', `nonce too high: account nonce is ${expected}, transaction has ${nonce}`)
  return { ok: true }
}

/**
 * The last part of `resolveL2Tx`, after the signature: resolves the transaction to the DA
 * transaction it applies as (a transfer to an L1 address goes to the lowest-index account
 * that address owns for the token, or creates one at the next free index) and checks it with
 * the protocol's `checkDaTx` (balance, recipient, token, overflow, room in the tree).
 *
 * @example
 * ```ts
 * const r = resolveDestination({ state: view, tx })
 * if (r.ok) applyDaTx({ state: view, tx: r.da, exitPosition: 0 })
 * ```
 */
export function resolveDestination(params: { state: RollupState; tx: L2Tx }): { ok: true; da: DaTx } | Refusal {
  const { state, tx } = params
  const src = state.get(tx.from)!
  let da: DaTx
  switch (tx.type) {
    case TX_TYPE.TRANSFER:
      da = { type: RECORD_TYPE.TRANSFER, from: tx.from, to: tx.to, amount: tx.amount, fee: tx.fee }
      break
    case TX_TYPE.TRANSFER_TO_L1: {
      const owned = state.accountsOf(tx.toAddress, src.tokenId)
      da =
        owned.length > 0
          ? { type: RECORD_TYPE.TRANSFER_TO_L1_EXISTING, from: tx.from, to: owned[0]!, amount: tx.amount, fee: tx.fee }
          : { type: RECORD_TYPE.TRANSFER_TO_L1_NEW, from: tx.from, to: state.nextIndex, amount: tx.amount, fee: tx.fee, address: tx.toAddress }
      break
    }
    case TX_TYPE.WITHDRAW:
      da = { type: RECORD_TYPE.WITHDRAW, from: tx.from, to: 0n, amount: tx.amount, fee: tx.fee, address: tx.recipient }
      break
  }
  const reason = checkDaTx(state, da)
  if (reason === 'INSUFFICIENT_BALANCE') {
    return refuse(reason, `insufficient balance: account ${tx.from} holds ${src.balance}, needs ${tx.amount + tx.fee} (amount + fee)`)
  }
  if (reason === 'UNKNOWN_RECIPIENT' && tx.type === TX_TYPE.TRANSFER) return refuse(reason, `the receiving account ${tx.to} does not exist`)
  if (reason === 'TOKEN_MISMATCH' && tx.type === TX_TYPE.TRANSFER) {
    return refuse(reason, `the accounts hold different tokens: account ${tx.from} holds token ${src.tokenId}, account ${tx.to} holds token ${state.get(tx.to)?.tokenId}`)
  }
  if (reason) return refuse(reason)
  return { ok: true, da }
}

/**
 * Checks a signed L2 transaction against `state` without changing it, in the order the
 * sequencer reports problems: {@link checkSender} (encoding, sender, key), {@link checkNonce},
 * the signature, then {@link resolveDestination} (balance and destination; a transfer to an L1
 * address goes to the lowest-index account that address owns for the token, or to a new
 * account at the next free index). The sequencer calls the parts itself so that the signature
 * can be checked in a worker thread.
 *
 * @example
 * ```ts
 * const r = resolveL2Tx({ state, signed, domain })
 * if (!r.ok) throw new Error(r.detail) // e.g. 'nonce too low: account nonce is 3, transaction has 2'
 * ```
 */
export function resolveL2Tx(params: { state: RollupState; signed: SignedL2Tx; domain: bigint }): Resolution {
  const { state, signed, domain } = params
  const { tx } = signed
  const sender = checkSender({ state, tx })
  if (!sender.ok) return sender
  const nonce = checkNonce({ expected: sender.account.nonce, nonce: tx.nonce })
  if (!nonce.ok) return nonce
  const hash = txHash({ tx, domain })
  const bad = verifyReason({ publicKey: sender.account.publicKey, message: hash, signature: signed.signature })
  if (bad) return refuse('BAD_SIGNATURE', `invalid signature: ${bad}`)
  const destination = resolveDestination({ state, tx })
  return destination.ok ? { ok: true, da: destination.da, hash } : destination
}
