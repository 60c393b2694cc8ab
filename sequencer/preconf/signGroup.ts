import { secp256k1 } from '@noble/curves/secp256k1.js'
import { nativeSecp256k1 } from './nativeSecp256k1.ts'
import { groupDigest, preconfirmationLeaf } from './preconfirmationHash.ts'
import { preconfirmationTree } from './preconfirmationTree.ts'

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
 * Signs one group given the deployment's domain separator: the leaves of its transactions
 * (consecutive sequence numbers from the first), their Merkle tree, and ECDSA over the group's
 * EIP-712 digest. What the store's writer thread runs (it loads nothing but keccak and
 * secp256k1); `signPreconfirmationGroup` is the same from a chain id and rollup.
 *
 * @example
 * ```ts
 * const g = signGroup({ key, domainSeparator: preconfirmationDomainSeparator({ chainId, rollup }), entries })
 * ```
 */
export function signGroup(params: { key: Uint8Array; domainSeparator: Uint8Array; entries: readonly GroupEntry[] }): SignedGroup {
  const { entries } = params
  const first = entries[0]?.sequence ?? 0
  entries.forEach((e, i) => {
    if (e.sequence !== first + i) throw new RangeError(`a group holds consecutive sequence numbers: entry ${i} has ${e.sequence}, expected ${first + i}`)
  })
  const levels = preconfirmationTree(entries.map((e) => preconfirmationLeaf(e)))
  const root = levels.at(-1)![0]!
  const digest = groupDigest({ domainSeparator: params.domainSeparator, firstSequence: first, count: entries.length, root })
  return { firstSequence: first, count: entries.length, root, signature: signDigest(digest, params.key), levels }
}

/**
 * ECDSA (secp256k1, RFC 6979, low S) over a 32-byte digest, as Ethereum's 65 bytes
 * `r ‖ s ‖ v` with v = 27 or 28. Signs with libsecp256k1 (`nativeSecp256k1`) when its
 * compiled module loads, else with noble: both give the same bytes (tested).
 *
 * @example
 * ```ts
 * signDigest(preconfirmationGroupDigest(group), key) // 65 bytes
 * ```
 */
export function signDigest(digest: Uint8Array, key: Uint8Array): Uint8Array {
  const { native } = nativeSecp256k1()
  const out = new Uint8Array(65)
  if (native) {
    const { signature, recid } = native.ecdsaSign(digest, key)
    out.set(signature, 0)
    out[64] = 27 + recid
    return out
  }
  return nobleSignDigest(digest, key, out)
}

/**
 * {@link signDigest} with noble only (the fallback, and the reference the native signer is
 * tested against); writes into `out` when given.
 *
 * @example
 * ```ts
 * nobleSignDigest(digest, key) // the same 65 bytes as signDigest(digest, key)
 * ```
 */
export function nobleSignDigest(digest: Uint8Array, key: Uint8Array, out = new Uint8Array(65)): Uint8Array {
  // noble's 'recovered' format is recovery ‖ r ‖ s.
  const rec = secp256k1.sign(digest, key, { prehash: false, format: 'recovered' })
  out.set(rec.subarray(1, 65), 0)
  out[64] = 27 + rec[0]!
  return out
}
