import { poseidon2 } from '../hash.ts'
import { OutOfRangeError } from '../errors.ts'
import { OverlayMap } from './overlayMap.ts'

const zeroCache: bigint[] = [0n]

/**
 * Roots of empty subtrees: `zeroHashes(d)[0] = 0` (an empty leaf) and
 * `[l + 1] = Poseidon(z_l, z_l)`.
 *
 * @example
 * ```ts
 * zeroHashes(2) // [0n, H(0, 0), H(H(0, 0), H(0, 0))]
 * ```
 */
export function zeroHashes(depth: number): bigint[] {
  while (zeroCache.length <= depth) {
    const z = zeroCache[zeroCache.length - 1]!
    zeroCache.push(poseidon2(z, z))
  }
  return zeroCache.slice(0, depth + 1)
}

/**
 * The root that a leaf and its siblings (bottom-up) imply: bit `l` of `index` says whether
 * the node at level `l` is a right child.
 *
 * @example
 * ```ts
 * computeRoot({ leaf, index: 5n, siblings: tree.proof(5n) }) === tree.root
 * ```
 */
export function computeRoot(params: { leaf: bigint; index: bigint; siblings: readonly bigint[] }): bigint {
  let node = params.leaf
  let idx = params.index
  for (const sibling of params.siblings) {
    node = idx & 1n ? poseidon2(sibling, node) : poseidon2(node, sibling)
    idx >>= 1n
  }
  return node
}

/**
 * A sparse binary Merkle tree over Poseidon(2), keyed by leaf index, with empty leaves
 * equal to 0. Only written nodes are stored, so a depth of 32 costs nothing up front; an
 * update hashes `depth` times. {@link fork} gives a copy-on-write child for building a chunk
 * on a temporary state.
 *
 * @example
 * ```ts
 * const tree = new SparseMerkleTree({ depth: 32 })
 * tree.set(1n, 42n)
 * computeRoot({ leaf: 42n, index: 1n, siblings: tree.proof(1n) }) === tree.root // true
 * ```
 */
export class SparseMerkleTree {
  readonly depth: number
  private readonly nodes: OverlayMap<number, bigint>
  private readonly zeros: bigint[]

  constructor(params: { depth: number }, nodes?: OverlayMap<number, bigint>) {
    if (!Number.isInteger(params.depth) || params.depth < 1 || params.depth > 32) {
      throw new OutOfRangeError({ what: 'tree depth', value: params.depth, limit: 'from 1 to 32' })
    }
    this.depth = params.depth
    this.nodes = nodes ?? new OverlayMap()
    this.zeros = zeroHashes(this.depth)
  }

  // Node key: level * 2^32 + position; below 2^38, an exact JS number.
  private key(level: number, position: number): number {
    return level * 4294967296 + position
  }

  private node(level: number, position: number): bigint {
    return this.nodes.get(this.key(level, position)) ?? this.zeros[level]!
  }

  private checkIndex(index: bigint): number {
    if (index < 0n || index >= 1n << BigInt(this.depth)) {
      throw new OutOfRangeError({ what: 'leaf index', value: index, limit: `below 2^${this.depth}` })
    }
    return Number(index)
  }

  get root(): bigint {
    return this.node(this.depth, 0)
  }

  /** The leaf at `index` (0 when empty). */
  get(index: bigint): bigint {
    return this.node(0, this.checkIndex(index))
  }

  /** Sets the leaf at `index` and rehashes its path. */
  set(index: bigint, leaf: bigint): void {
    let pos = this.checkIndex(index)
    this.nodes.set(this.key(0, pos), leaf)
    let node = leaf
    for (let level = 0; level < this.depth; level++) {
      const sibling = this.node(level, pos ^ 1)
      node = pos & 1 ? poseidon2(sibling, node) : poseidon2(node, sibling)
      pos = Math.floor(pos / 2)
      this.nodes.set(this.key(level + 1, pos), node)
    }
  }

  /**
   * Sets many leaves and rehashes every touched node once, level by level: the same root as
   * setting them one by one (later entries for the same index win), with far fewer hashes when
   * paths share nodes. For replaying whole chunks or batches when no per-step witness is needed.
   *
   * @example
   * ```ts
   * tree.setMany([[1n, 11n], [2n, 22n]])
   * ```
   */
  setMany(entries: Iterable<readonly [bigint, bigint]>): void {
    let dirty = new Set<number>()
    for (const [index, leaf] of entries) {
      const pos = this.checkIndex(index)
      this.nodes.set(this.key(0, pos), leaf)
      dirty.add(pos)
    }
    for (let level = 0; level < this.depth; level++) {
      const parents = new Set<number>()
      for (const pos of dirty) parents.add(Math.floor(pos / 2))
      for (const parent of parents) {
        const left = this.node(level, parent * 2)
        const right = this.node(level, parent * 2 + 1)
        this.nodes.set(this.key(level + 1, parent), poseidon2(left, right))
      }
      dirty = parents
    }
  }

  /** Siblings of the leaf at `index`, bottom-up: the membership proof. */
  proof(index: bigint): bigint[] {
    let pos = this.checkIndex(index)
    const siblings: bigint[] = []
    for (let level = 0; level < this.depth; level++) {
      siblings.push(this.node(level, pos ^ 1))
      pos = Math.floor(pos / 2)
    }
    return siblings
  }

  /** A copy-on-write child: writes stay in the child until {@link commit}. */
  fork(): SparseMerkleTree {
    return new SparseMerkleTree({ depth: this.depth }, this.nodes.fork())
  }

  /** Writes a forked tree's changes into its parent. */
  commit(): void {
    this.nodes.commit()
  }
}

/**
 * Root of a full binary tree over `leaves` padded with zero leaves to `2^depth` (used for the
 * small per-chunk exit and transaction-list trees).
 *
 * @example
 * ```ts
 * denseRoot([1n, 2n], 1) === poseidon2(1n, 2n)
 * ```
 */
export function denseRoot(leaves: readonly bigint[], depth: number): bigint {
  return denseLevels(leaves, depth).at(-1)![0]!
}

/**
 * Membership proof (siblings bottom-up) of leaf `index` in the dense tree of {@link denseRoot}.
 *
 * @example
 * ```ts
 * computeRoot({ leaf: leaves[3], index: 3n, siblings: denseProof(leaves, 3, depth) }) === denseRoot(leaves, depth)
 * ```
 */
export function denseProof(leaves: readonly bigint[], index: number, depth: number): bigint[] {
  const levels = denseLevels(leaves, depth)
  const siblings: bigint[] = []
  let pos = index
  for (let level = 0; level < depth; level++) {
    siblings.push(levels[level]![pos ^ 1]!)
    pos >>= 1
  }
  return siblings
}

function denseLevels(leaves: readonly bigint[], depth: number): bigint[][] {
  const width = 1 << depth
  if (leaves.length > width) throw new OutOfRangeError({ what: 'leaf count', value: leaves.length, limit: `at most 2^${depth}` })
  const levels: bigint[][] = [[...leaves, ...new Array<bigint>(width - leaves.length).fill(0n)]]
  for (let level = 0; level < depth; level++) {
    const prev = levels[level]!
    const next: bigint[] = []
    for (let i = 0; i < prev.length; i += 2) next.push(poseidon2(prev[i]!, prev[i + 1]!))
    levels.push(next)
  }
  return levels
}
