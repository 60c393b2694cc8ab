import { keccak_256 } from '@noble/hashes/sha3.js'
import type { BlockRow } from '../store/rows.ts'

/**
 * Root of a block's transactions: `keccak256` of their 32-byte hashes concatenated in
 * sequence order (the block names its first sequence number and count).
 *
 * @example
 * ```ts
 * blockTxRoot([hashA, hashB])
 * ```
 */
export function blockTxRoot(hashes: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(32 * hashes.length)
  hashes.forEach((h, i) => all.set(h, 32 * i))
  return keccak_256(all)
}

/**
 * An L2 block's hash: `keccak256(number ‖ parentHash ‖ timestamp ‖ firstSeq ‖ txCount ‖
 * txRoot)`, numbers as 8-byte big-endian (`txCount` 4 bytes).
 *
 * @example
 * ```ts
 * const hash = blockHash({ number: 1, parentHash, timestamp: 1_700_000_000, firstSeq: 1, txCount: 2, txRoot })
 * ```
 */
export function blockHash(row: Omit<BlockRow, 'hash'>): Uint8Array {
  const buf = Buffer.alloc(8 + 32 + 8 + 8 + 4 + 32)
  buf.writeBigUInt64BE(BigInt(row.number), 0)
  buf.set(row.parentHash, 8)
  buf.writeBigUInt64BE(BigInt(row.timestamp), 40)
  buf.writeBigUInt64BE(BigInt(row.firstSeq), 48)
  buf.writeUInt32BE(row.txCount, 56)
  buf.set(row.txRoot, 60)
  return keccak_256(buf)
}
