import { secp256k1 } from '@noble/curves/secp256k1.js'
import { preconfirmationDigest, hexToBytes } from './preconfirmationDigest.ts'
import type { Preconfirmation, SignedPreconfirmation } from './preconfirmationTypes.ts'

/**
 * Signs a preconfirmation with the sequencer's secp256k1 key: ECDSA over
 * {@link preconfirmationDigest} with RFC 6979 nonces (deterministic: the same content and
 * key always give the same signature, which lets the store recompute a signature that a
 * crash kept it from writing), low S, returned as 65 bytes `r ‖ s ‖ v` with v = 27 or 28 as
 * Ethereum tools expect. The same signature as viem's `signTypedData` (tested).
 *
 * @example
 * ```ts
 * const signed = signPreconfirmation({ privateKey: config.sequencerKey, preconfirmation: p })
 * signed.signature // '0x…' (65 bytes)
 * ```
 */
export function signPreconfirmation(params: { privateKey: `0x${string}` | Uint8Array; preconfirmation: Preconfirmation }): SignedPreconfirmation {
  const key = typeof params.privateKey === 'string' ? hexToBytes(params.privateKey, 32) : params.privateKey
  const digest = preconfirmationDigest(params.preconfirmation)
  // noble's 'recovered' format is recovery ‖ r ‖ s.
  const rec = secp256k1.sign(digest, key, { prehash: false, format: 'recovered' })
  const out = new Uint8Array(65)
  out.set(rec.subarray(1, 65), 0)
  out[64] = 27 + rec[0]!
  return { ...params.preconfirmation, signature: `0x${Buffer.from(out).toString('hex')}` }
}
