/**
 * A transaction hash (a field element) as 32 bytes big-endian, as stored and as JSON-RPC
 * shows it. The bytes own their memory (not a slice of node's shared 8 KB buffer pool): a
 * view into the pool would carry all 8 KB with it through every `postMessage` to the writer
 * thread.
 *
 * @example
 * ```ts
 * hashToBytes(1n) // 31 zero bytes then 0x01
 * ```
 */
export function hashToBytes(hash: bigint): Buffer {
  const bytes = Buffer.allocUnsafeSlow(32)
  bytes.write(hash.toString(16).padStart(64, '0'), 'hex')
  return bytes
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
