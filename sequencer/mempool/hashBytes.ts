/**
 * A transaction hash (a field element) as 32 bytes big-endian, as stored and as JSON-RPC
 * shows it.
 *
 * @example
 * ```ts
 * hashToBytes(1n) // 31 zero bytes then 0x01
 * ```
 */
export function hashToBytes(hash: bigint): Buffer {
  return Buffer.from(hash.toString(16).padStart(64, '0'), 'hex')
}

/**
 * Inverse of {@link hashToBytes}.
 *
 * @example
 * ```ts
 * bytesToHash(hashToBytes(42n)) // 42n
 * ```
 */
export function bytesToHash(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`)
}
