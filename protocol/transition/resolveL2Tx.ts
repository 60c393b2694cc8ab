import { BITS, RECORD_TYPE, TX_TYPE } from '../constants.ts'
import type { DaTx } from '../da/chunkData.ts'
import { isNoKey } from '../eddsa/babyjub.ts'
import { verifyReason } from '../eddsa/eddsa.ts'
import { ProtocolError } from '../errors.ts'
import { assertWellFormed, txHash, type SignedL2Tx } from '../tx/l2Tx.ts'
import type { RollupState } from '../state/rollupState.ts'
import { checkDaTx } from './applyDaTx.ts'
import { exists } from './access.ts'
import { REASON, type ReasonCode } from './outcomes.ts'

/** A signed transaction checked against a state: its DA form and hash, or why it is refused. */
export type Resolution =
  | { ok: true; da: DaTx; hash: bigint }
  | { ok: false; reason: ReasonCode; detail: string }

const MAX_NONCE = (1n << BigInt(BITS.NONCE)) - 1n

/**
 * Checks a signed L2 transaction against `state` without changing it, in the order the
 * sequencer reports problems (encoding, sender, key, nonce, signature, balance,
 * destination), and resolves it to the DA transaction it would apply as: a transfer to an L1
 * address goes to the lowest-index account that address owns for the token, or to a new
 * account at the next free index.
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
  const refuse = (reason: ReasonCode, detail?: string): Resolution => ({ ok: false, reason, detail: detail ?? REASON[reason] })
  try {
    assertWellFormed(tx)
  } catch (e) {
    return refuse('NOT_REPRESENTABLE', e instanceof ProtocolError ? e.message : String(e))
  }
  if (!exists(state, tx.from)) return refuse('UNKNOWN_ACCOUNT', `account ${tx.from} does not exist`)
  const src = state.get(tx.from)!
  if (isNoKey(src.publicKey)) return refuse('NO_KEY', `account ${tx.from} has no L2 key yet: set one with a set-key or a deposit`)
  if (src.nonce >= MAX_NONCE) return refuse('NONCE_EXHAUSTED')
  if (tx.nonce < src.nonce) return refuse('NONCE_TOO_LOW', `nonce too low: account nonce is ${src.nonce}, transaction has ${tx.nonce}`)
  if (tx.nonce > src.nonce) return refuse('NONCE_TOO_HIGH', `nonce too high: account nonce is ${src.nonce}, transaction has ${tx.nonce}`)
  const hash = txHash({ tx, domain })
  const bad = verifyReason({ publicKey: src.publicKey, message: hash, signature: signed.signature })
  if (bad) return refuse('BAD_SIGNATURE', `invalid signature: ${bad}`)

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
  if (reason) return refuse(reason)
  return { ok: true, da, hash }
}
