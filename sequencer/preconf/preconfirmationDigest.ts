import { keccak_256 } from '@noble/hashes/sha3.js'
import { hashDomain } from 'viem'
import { PRECONFIRMATION_TYPES, PRECONFIRMATION_TYPE_STRING, preconfirmationDomain, type Preconfirmation } from './preconfirmationTypes.ts'

const TYPEHASH = keccak_256(new TextEncoder().encode(PRECONFIRMATION_TYPE_STRING))
const separators = new Map<string, Uint8Array>()

function domainSeparator(chainId: bigint, rollup: `0x${string}`): Uint8Array {
  const key = `${chainId}:${rollup.toLowerCase()}`
  let sep = separators.get(key)
  if (!sep) {
    const hex = hashDomain({ domain: preconfirmationDomain({ chainId, rollup }), types: { EIP712Domain: EIP712_DOMAIN_FIELDS, ...PRECONFIRMATION_TYPES } })
    sep = hexToBytes(hex)
    separators.set(key, sep)
  }
  return sep
}

const EIP712_DOMAIN_FIELDS = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
] as const

/**
 * The EIP-712 digest of a preconfirmation, `keccak256(0x1901 ‖ domainSeparator ‖
 * structHash)`: the 32 bytes the sequencer signs. Equal to viem's `hashTypedData` of
 * {@link preconfirmationTypedData} (tested), but computed directly (one keccak over 128
 * bytes, the domain separator cached), because it runs for every accepted transaction.
 *
 * @example
 * ```ts
 * const digest = preconfirmationDigest({ chainId: 31337n, rollup, sequence: 1n, txHash, l1Deadline: 1_700_000_000n })
 * ```
 */
export function preconfirmationDigest(p: Preconfirmation): Uint8Array {
  if (p.sequence < 0n || p.sequence >= 1n << 64n) throw new RangeError(`sequence ${p.sequence} is not a uint64`)
  if (p.l1Deadline < 0n || p.l1Deadline >= 1n << 64n) throw new RangeError(`l1Deadline ${p.l1Deadline} is not a uint64`)
  const struct = new Uint8Array(128)
  struct.set(TYPEHASH, 0)
  putUint(struct, 32, p.sequence)
  struct.set(hexToBytes(p.txHash, 32), 64)
  putUint(struct, 96, p.l1Deadline)
  const out = new Uint8Array(66)
  out[0] = 0x19
  out[1] = 0x01
  out.set(domainSeparator(p.chainId, p.rollup), 2)
  out.set(keccak_256(struct), 34)
  return keccak_256(out)
}

function putUint(buf: Uint8Array, offset: number, v: bigint): void {
  for (let i = 31; i >= 0 && v > 0n; i--) {
    buf[offset + i] = Number(v & 0xffn)
    v >>= 8n
  }
}

/** @internal hex to bytes, checking the length when `size` is given. */
export function hexToBytes(hex: string, size?: number): Uint8Array {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex) || (size !== undefined && hex.length !== 2 + 2 * size)) {
    throw new TypeError(`expected ${size ?? 'an even number of'} bytes as 0x-prefixed hex, got ${hex.slice(0, 80)}`)
  }
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
}
