import { keccak_256 } from '@noble/hashes/sha3.js'
import { PRECONFIRMATION_GROUP_TYPE_STRING, PRECONFIRMATION_TYPE_STRING } from './preconfirmationConstants.ts'

// The hashing of the preconfirmation format with no other import than keccak: the store's
// writer thread loads it.

const LEAF_TYPEHASH = keccak_256(new TextEncoder().encode(PRECONFIRMATION_TYPE_STRING))
const GROUP_TYPEHASH = keccak_256(new TextEncoder().encode(PRECONFIRMATION_GROUP_TYPE_STRING))

/**
 * The leaf of one preconfirmation in a signed group: its EIP-712 struct hash,
 * `keccak256(abi.encode(PRECONFIRMATION_TYPEHASH, sequence, txHash, l1Deadline))` (128 bytes
 * hashed, so a leaf can never be taken for an inner node, which hashes 64). Equal to viem's
 * `hashStruct` of `PRECONFIRMATION_TYPES` (tested). Takes bytes or hex, numbers or bigints,
 * because the writer thread computes one per accepted transaction.
 *
 * @example
 * ```ts
 * const leaf = preconfirmationLeaf({ sequence: 7n, txHash: '0x…', l1Deadline: 1_700_000_000n })
 * ```
 */
export function preconfirmationLeaf(p: { sequence: bigint | number; txHash: `0x${string}` | Uint8Array; l1Deadline: bigint | number }): Uint8Array {
  const buf = new Uint8Array(128)
  buf.set(LEAF_TYPEHASH, 0)
  putUint64(buf, 32, p.sequence, 'sequence')
  buf.set(typeof p.txHash === 'string' ? hexToBytes(p.txHash, 32) : checkLength(p.txHash, 32, 'txHash'), 64)
  putUint64(buf, 96, p.l1Deadline, 'l1Deadline')
  return keccak_256(buf)
}

/**
 * The EIP-712 digest of a signed group given its domain separator (see
 * `preconfirmationGroupDigest`, which computes the separator from the chain and rollup):
 * `keccak256(0x1901 ‖ domainSeparator ‖ keccak256(abi.encode(PRECONFIRMATION_GROUP_TYPEHASH, firstSequence, count, root)))`.
 *
 * @example
 * ```ts
 * groupDigest({ domainSeparator, firstSequence: 1, count: 3, root })
 * ```
 */
export function groupDigest(g: { domainSeparator: Uint8Array; firstSequence: bigint | number; count: bigint | number; root: `0x${string}` | Uint8Array }): Uint8Array {
  const struct = new Uint8Array(128)
  struct.set(GROUP_TYPEHASH, 0)
  putUint64(struct, 32, g.firstSequence, 'firstSequence')
  putUint64(struct, 64, g.count, 'count')
  struct.set(typeof g.root === 'string' ? hexToBytes(g.root, 32) : checkLength(g.root, 32, 'root'), 96)
  const out = new Uint8Array(66)
  out[0] = 0x19
  out[1] = 0x01
  out.set(checkLength(g.domainSeparator, 32, 'domainSeparator'), 2)
  out.set(keccak_256(struct), 34)
  return keccak_256(out)
}

function putUint64(buf: Uint8Array, offset: number, value: bigint | number, name: string): void {
  let v = BigInt(value)
  if (v < 0n || v >= 1n << 64n) throw new RangeError(`${name} ${value} is not a uint64`)
  for (let i = 31; i >= 24 && v > 0n; i--) {
    buf[offset + i] = Number(v & 0xffn)
    v >>= 8n
  }
}

function checkLength(bytes: Uint8Array, size: number, name: string): Uint8Array {
  if (bytes.length !== size) throw new TypeError(`${name} must be ${size} bytes, got ${bytes.length}`)
  return bytes
}

/** @internal hex to bytes, checking the length when `size` is given. */
export function hexToBytes(hex: string, size?: number): Uint8Array {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex) || (size !== undefined && hex.length !== 2 + 2 * size)) {
    throw new TypeError(`expected ${size ?? 'an even number of'} bytes as 0x-prefixed hex, got ${hex.slice(0, 80)}`)
  }
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
}
