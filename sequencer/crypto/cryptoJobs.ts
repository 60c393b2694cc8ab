import type { SignedL2Tx, Point } from '../../protocol/index.ts'
import { TX_TYPE } from '../../protocol/index.ts'

/**
 * A signature check for the worker: the transaction's fields, the sender's public key and
 * the EdDSA signature, flattened to bigints (cheap to pass between threads):
 * `[type, from, nonce, destination, amount, fee, key.x, key.y, R8.x, R8.y, S]`.
 */
export type VerifyJob = bigint[]

/** The worker's answer: the transaction hash and why the signature is refused (null: valid). */
export interface VerifyResult {
  hash: bigint
  reason: string | null
}

/** A preconfirmation to sign: `[sequence, txHash, l1Deadline]`. */
export type SignJob = [bigint, bigint, bigint]

/**
 * Flattens a signed transaction and the key it must be signed by into a {@link VerifyJob}.
 *
 * @example
 * ```ts
 * pool.verify(verifyJob({ signed, publicKey: account.publicKey }))
 * ```
 */
export function verifyJob(params: { signed: SignedL2Tx; publicKey: Point }): VerifyJob {
  const { tx, signature } = params.signed
  const dest = tx.type === TX_TYPE.TRANSFER ? tx.to : tx.type === TX_TYPE.TRANSFER_TO_L1 ? tx.toAddress : tx.recipient
  return [BigInt(tx.type), tx.from, tx.nonce, dest, tx.amount, tx.fee, params.publicKey.x, params.publicKey.y, signature.R8.x, signature.R8.y, signature.S]
}
