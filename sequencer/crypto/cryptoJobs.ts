import { TX_TYPE, derivePublicKey, signTx, txHash, verifyReason, type L2Tx, type Point, type SignedL2Tx } from '../../protocol/index.ts'

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

/**
 * Runs a {@link VerifyJob}: rebuilds the transaction, hashes it under `domain` and checks the
 * signature with the protocol's verifier. Used by the worker threads and by the inline
 * service (`workers: 0`).
 *
 * @example
 * ```ts
 * runVerifyJob(verifyJob({ signed, publicKey }), domain) // { hash, reason: null }
 * ```
 */
export function runVerifyJob(job: VerifyJob, domain: bigint): VerifyResult {
  const [type, from, nonce, dest, amount, fee, kx, ky, rx, ry, s] = job as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]
  const base = { from, nonce, amount, fee }
  const t = Number(type)
  const tx: L2Tx =
    t === TX_TYPE.TRANSFER
      ? { ...base, type: TX_TYPE.TRANSFER, to: dest }
      : t === TX_TYPE.TRANSFER_TO_L1
        ? { ...base, type: TX_TYPE.TRANSFER_TO_L1, toAddress: dest }
        : { ...base, type: TX_TYPE.WITHDRAW, recipient: dest }
  const hash = txHash({ tx, domain })
  const reason = verifyReason({ publicKey: { x: kx, y: ky }, message: hash, signature: { R8: { x: rx, y: ry }, S: s } })
  return { hash, reason: reason ?? null }
}

/**
 * Runs one verification of fixed data, so that a fresh thread compiles its WebAssembly and
 * warms its caches before the first real transaction (the first call otherwise takes hundreds
 * of milliseconds), and checks the crypto works at all.
 *
 * @example
 * ```ts
 * warmUpCrypto({ domain })
 * ```
 */
export function warmUpCrypto(d: { domain: bigint }): void {
  const privateKey = new Uint8Array(32).fill(7)
  const publicKey = derivePublicKey(privateKey)
  const signed = signTx({ tx: { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1n, fee: 0n, nonce: 0n }, privateKey, domain: d.domain })
  const r = runVerifyJob(verifyJob({ signed, publicKey }), d.domain)
  if (r.reason !== null) throw new Error(`crypto self-check failed: ${r.reason}`)
}
