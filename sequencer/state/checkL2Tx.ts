import {
  BITS,
  ProtocolError,
  REASON,
  RECORD_TYPE,
  TX_TYPE,
  assertWellFormed,
  checkDaTx,
  isNoKey,
  type Account,
  type DaTx,
  type L2Tx,
  type ReasonCode,
  type RollupState,
} from '../../protocol/index.ts'

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
 * Every rule of the protocol's `resolveL2Tx` except the signature, in the same order, with
 * the same reasons: what the sequencer checks at admission (the signature was checked in a
 * worker thread just before) and when it replays its log at start (signatures were checked
 * when the transactions were accepted). `checkL2Tx.test.ts` checks that this plus the
 * signature decides exactly as `resolveL2Tx` on random transactions.
 *
 * @example
 * ```ts
 * const r = checkL2Tx({ state: view, tx })
 * if (!r.ok) throw new Error(r.detail) // 'insufficient balance: account 3 holds 5, needs 11 (amount + fee)'
 * ```
 */
export function checkL2Tx(params: { state: RollupState; tx: L2Tx }): { ok: true; da: DaTx } | Refusal {
  const sender = checkSender(params)
  if (!sender.ok) return sender
  const nonce = checkNonce({ expected: sender.account.nonce, nonce: params.tx.nonce })
  if (!nonce.ok) return nonce
  return resolveDestination(params)
}
