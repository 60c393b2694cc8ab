/**
 * The L2 private key of bench user `u` (bench and load-generator support): distinct for every
 * `u` below 2^32, derived the same way in every process.
 *
 * @example
 * ```ts
 * derivePublicKey(benchKey(7))
 * ```
 */
export function benchKey(u: number): Uint8Array {
  const k = new Uint8Array(32).fill(0xa5)
  new DataView(k.buffer).setUint32(0, u)
  return k
}

/** The L1 address of bench user `u` (as a 160-bit integer). */
export const benchOwner = (u: number): bigint => 0xb0000000n + BigInt(u)
