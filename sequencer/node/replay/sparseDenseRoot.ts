import { poseidon2, zeroHashes } from '../../../protocol/index.ts'

/**
 * The root of protocol's dense tree (`denseRoot`: `leaves` padded with zeros to `2^depth`),
 * without hashing empty subtrees: a node whose children are both empty subtrees is the
 * precomputed zero hash of its level. The per-chunk exit tree is almost all zeros, so this
 * saves most of its hashes. Same result as `denseRoot` for any leaves (a leaf equal to 0 is
 * empty in both).
 *
 * @example
 * ```ts
 * sparseDenseRoot([0n, 5n, 0n], 3) === denseRoot([0n, 5n, 0n], 3) // true, with 3 hashes instead of 7
 * ```
 */
export function sparseDenseRoot(leaves: readonly bigint[], depth: number): bigint {
  const zeros = zeroHashes(depth)
  if (leaves.length > 2 ** depth) throw new RangeError(`${leaves.length} leaves do not fit a tree of depth ${depth}`)
  let level: bigint[] = [...leaves]
  for (let l = 0; l < depth; l++) {
    const z = zeros[l]!
    const up = zeros[l + 1]!
    const next: bigint[] = []
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i]!
      const right = i + 1 < level.length ? level[i + 1]! : z
      next.push(left === z && right === z ? up : poseidon2(left, right))
    }
    if (next.length === 0) next.push(up)
    level = next
  }
  return level[0] ?? zeros[depth]!
}
