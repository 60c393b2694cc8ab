import { keccak_256 } from '@noble/hashes/sha3.js'
import { MAX_PRECONFIRMATION_GROUP } from './preconfirmationConstants.ts'

/**
 * The Merkle tree of a group's leaves, level by level from the leaves (level 0, padded with
 * zero hashes to a power of two) up to the root (the last level, one node). Positional: leaf
 * `i` is the preconfirmation with sequence number `firstSequence + i`; every inner node is
 * `keccak256(left ‖ right)` (64 bytes). A group of one has the leaf as its root. The tree's
 * depth is `ceil(log2(count))`, at most 10.
 *
 * @example
 * ```ts
 * const levels = preconfirmationTree(leaves)
 * const root = levels.at(-1)![0]!
 * ```
 */
export function preconfirmationTree(leaves: readonly Uint8Array[]): Uint8Array[][] {
  if (leaves.length === 0 || leaves.length > MAX_PRECONFIRMATION_GROUP) throw new RangeError(`a preconfirmation group holds 1 to ${MAX_PRECONFIRMATION_GROUP} leaves, got ${leaves.length}`)
  const width = 1 << treeDepth(leaves.length)
  const zero = new Uint8Array(32)
  let level: Uint8Array[] = Array.from({ length: width }, (_, i) => leaves[i] ?? zero)
  const levels = [level]
  const pair = new Uint8Array(64)
  while (level.length > 1) {
    const next: Uint8Array[] = []
    for (let i = 0; i < level.length; i += 2) {
      pair.set(level[i]!, 0)
      pair.set(level[i + 1]!, 32)
      next.push(keccak_256(pair))
    }
    levels.push((level = next))
  }
  return levels
}

/**
 * The proof of leaf `index`: its sibling at every level from the leaves up.
 *
 * @example
 * ```ts
 * const proof = preconfirmationProof({ levels: preconfirmationTree(leaves), index: 3 })
 * ```
 */
export function preconfirmationProof(params: { levels: readonly Uint8Array[][]; index: number }): Uint8Array[] {
  const { levels, index } = params
  if (!Number.isInteger(index) || index < 0 || index >= levels[0]!.length) throw new RangeError(`leaf index ${index} is outside the tree`)
  const proof: Uint8Array[] = []
  for (let d = 0, i = index; d < levels.length - 1; d++, i >>= 1) proof.push(levels[d]![i ^ 1]!)
  return proof
}

/**
 * The root a proof leads to from `leaf` at position `index` of a group of `count`, or
 * undefined when the proof cannot belong to such a group (index not below `count`, or not
 * exactly `ceil(log2(count))` hashes). What the SDK and the L1 slashing function compute: for
 * each level `d`, `node = bit d of index ? keccak256(proof[d] ‖ node) : keccak256(node ‖ proof[d])`.
 *
 * @example
 * ```ts
 * preconfirmationRootFromProof({ leaf, index: 3, count: 5, proof }) // equals the signed root
 * ```
 */
export function preconfirmationRootFromProof(params: { leaf: Uint8Array; index: number; count: number; proof: readonly Uint8Array[] }): Uint8Array | undefined {
  const { leaf, index, count, proof } = params
  if (!Number.isInteger(count) || count < 1 || count > MAX_PRECONFIRMATION_GROUP || !Number.isInteger(index) || index < 0 || index >= count) return undefined
  if (proof.length !== treeDepth(count) || proof.some((p) => p.length !== 32)) return undefined
  const pair = new Uint8Array(64)
  let node = leaf
  for (let d = 0; d < proof.length; d++) {
    const right = (index >> d) & 1
    pair.set(right ? proof[d]! : node, 0)
    pair.set(right ? node : proof[d]!, 32)
    node = keccak_256(pair)
  }
  return node
}

/**
 * Depth of the tree of a group of `count`: `ceil(log2(count))` (0 for one leaf).
 *
 * @example
 * ```ts
 * treeDepth(5) // 3
 * ```
 */
export function treeDepth(count: number): number {
  let d = 0
  while (1 << d < count) d++
  return d
}
