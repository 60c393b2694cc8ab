import { secp256k1 } from '@noble/curves/secp256k1.js'
import { hexToBytes, preconfirmationGroupDigest, preconfirmationLeaf } from './preconfirmationDigest.ts'
import { preconfirmationProof, preconfirmationTree } from './preconfirmationTree.ts'
import type { SignedPreconfirmation } from './preconfirmationTypes.ts'

/** One transaction of a group to sign: sequence number, hash (32 bytes), L1 deadline (seconds). */
export interface GroupEntry {
  sequence: number
  txHash: Uint8Array
  l1Deadline: number
}

/** A signed group: its root, the sequencer's signature over it, and the tree for the proofs. */
export interface SignedGroup {
  firstSequence: number
  count: number
  root: Uint8Array
  /** 65 bytes `r ‖ s ‖ v`, v = 27 or 28. */
  signature: Uint8Array
  /** `preconfirmationTree` of the leaves. */
  levels: Uint8Array[][]
}

/**
 * Signs one group commit: the leaves of its transactions (consecutive sequence numbers from the
 * first), their Merkle root, and ECDSA over the group's EIP-712 digest with the sequencer's
 * secp256k1 key. RFC 6979 nonces and low S: the same group always gives the same signature,
 * which lets a restarted sequencer re-sign a durable group whose signature a crash kept from
 * being written and get exactly what clients may hold. The signature equals viem's
 * `signTypedData` of `preconfirmationGroupTypedData` (tested).
 *
 * @example
 * ```ts
 * const g = signPreconfirmationGroup({ privateKey, chainId: 31337n, rollup, entries })
 * groupPreconfirmation({ group: g, chainId: 31337n, rollup, entry: entries[2]! }) // a SignedPreconfirmation
 * ```
 */
export function signPreconfirmationGroup(params: { privateKey: `0x${string}` | Uint8Array; chainId: bigint; rollup: `0x${string}`; entries: readonly GroupEntry[] }): SignedGroup {
  const { entries } = params
  const first = entries[0]?.sequence ?? 0
  entries.forEach((e, i) => {
    if (e.sequence !== first + i) throw new RangeError(`a group holds consecutive sequence numbers: entry ${i} has ${e.sequence}, expected ${first + i}`)
  })
  const levels = preconfirmationTree(entries.map((e) => preconfirmationLeaf(e)))
  const root = levels.at(-1)![0]!
  const key = typeof params.privateKey === 'string' ? hexToBytes(params.privateKey, 32) : params.privateKey
  const digest = preconfirmationGroupDigest({ chainId: params.chainId, rollup: params.rollup, firstSequence: BigInt(first), count: BigInt(entries.length), root })
  return { firstSequence: first, count: entries.length, root, signature: signDigest(digest, key), levels }
}

/**
 * ECDSA (secp256k1, RFC 6979, low S) over a 32-byte digest, as Ethereum's 65 bytes
 * `r ‖ s ‖ v` with v = 27 or 28.
 *
 * @example
 * ```ts
 * signDigest(preconfirmationGroupDigest(group), key) // 65 bytes
 * ```
 */
export function signDigest(digest: Uint8Array, key: Uint8Array): Uint8Array {
  // noble's 'recovered' format is recovery ‖ r ‖ s.
  const rec = secp256k1.sign(digest, key, { prehash: false, format: 'recovered' })
  const out = new Uint8Array(65)
  out.set(rec.subarray(1, 65), 0)
  out[64] = 27 + rec[0]!
  return out
}

/**
 * The {@link SignedPreconfirmation} of one entry of a signed group (with its Merkle proof).
 *
 * @example
 * ```ts
 * const signed = groupPreconfirmation({ group, chainId: 31337n, rollup, entry })
 * await verifyPreconfirmation({ signed, sequencer }) // true
 * ```
 */
export function groupPreconfirmation(params: { group: Omit<SignedGroup, 'root'> & { root?: Uint8Array }; chainId: bigint; rollup: `0x${string}`; entry: GroupEntry }): SignedPreconfirmation {
  const { group, entry } = params
  const hex = (b: Uint8Array): `0x${string}` => `0x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')}`
  return {
    chainId: params.chainId,
    rollup: params.rollup,
    sequence: BigInt(entry.sequence),
    txHash: hex(entry.txHash),
    l1Deadline: BigInt(entry.l1Deadline),
    firstSequence: BigInt(group.firstSequence),
    count: BigInt(group.count),
    root: hex(group.levels.at(-1)![0]!),
    proof: preconfirmationProof({ levels: group.levels, index: entry.sequence - group.firstSequence }).map(hex),
    signature: hex(group.signature),
  }
}
