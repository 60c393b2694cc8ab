/**
 * An unsigned integer as a JSON-RPC QUANTITY: `0x` and lowercase hex digits, no leading
 * zeros (`0x0` for zero).
 *
 * @example
 * ```ts
 * toQuantity(255n) // '0xff'
 * ```
 */
export function toQuantity(v: bigint | number): `0x${string}` {
  return `0x${v.toString(16)}`
}

/**
 * Bytes as JSON-RPC DATA: `0x` and two lowercase hex digits per byte.
 *
 * @example
 * ```ts
 * toData(new Uint8Array([1, 2])) // '0x0102'
 * ```
 */
export function toData(bytes: Uint8Array): `0x${string}` {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`
}

/**
 * A 256-bit value (a transaction hash) as 32 bytes of JSON-RPC DATA.
 *
 * @example
 * ```ts
 * toHash32(1n) // '0x000…001'
 * ```
 */
export function toHash32(v: bigint): `0x${string}` {
  return `0x${v.toString(16).padStart(64, '0')}`
}
