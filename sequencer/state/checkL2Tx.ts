import { checkNonce, checkSender, resolveDestination, type DaTx, type L2Tx, type Refusal, type RollupState } from '../../protocol/index.ts'

export { checkNonce, checkSender, resolveDestination, type Refusal }

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
