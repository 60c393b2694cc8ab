import { OutOfRangeError, OverlayMap, SparseMerkleTree } from '../../../protocol/index.ts'

const NO_WITNESS: readonly bigint[] = Object.freeze([])

/**
 * A {@link SparseMerkleTree} for replaying chunks when no Merkle witness is needed: `set`
 * only records the leaf, and every touched node is hashed once, level by level (protocol's
 * `setMany`), when the root is read, the tree is forked or committed. Replaying a chunk then
 * costs one hash per touched node instead of `depth` hashes per write.
 *
 * It gives **no witnesses**: `proof()` returns an empty list (protocol's `accessAccount` asks
 * for one on every access; the replay ignores it). For real proofs, read the same nodes
 * through a plain `SparseMerkleTree` over {@link nodeMap} after {@link flush}.
 *
 * Forks are `DeferredTree`s too, so `RollupState.fork()` of a state built on one keeps the
 * fast path.
 *
 * @example
 * ```ts
 * const tree = new DeferredTree({ depth: 24 }, nodes.fork())
 * tree.set(1n, leafA)
 * tree.set(2n, leafB)
 * tree.root // hashes the two paths once, sharing their common nodes
 * ```
 */
export class DeferredTree extends SparseMerkleTree {
  /** The node map this tree reads and writes (shared with the base class). */
  readonly nodeMap: OverlayMap<number, bigint>
  private readonly pending = new Map<number, bigint>()
  private readonly width: number

  constructor(params: { depth: number }, nodes: OverlayMap<number, bigint> = new OverlayMap()) {
    super(params, nodes)
    this.nodeMap = nodes
    this.width = 2 ** params.depth
  }

  override get root(): bigint {
    this.flush()
    return super.root
  }

  override get(index: bigint): bigint {
    const p = this.pending.get(this.position(index))
    return p !== undefined ? p : super.get(index)
  }

  override set(index: bigint, leaf: bigint): void {
    this.pending.set(this.position(index), leaf)
  }

  override setMany(entries: Iterable<readonly [bigint, bigint]>): void {
    for (const [index, leaf] of entries) this.set(index, leaf)
  }

  /** Always empty: this tree gives no witnesses (see the class comment). */
  override proof(index: bigint): bigint[] {
    this.position(index)
    return NO_WITNESS as bigint[]
  }

  override fork(): DeferredTree {
    this.flush()
    return new DeferredTree({ depth: this.depth }, this.nodeMap.fork())
  }

  override commit(): void {
    this.flush()
    super.commit()
  }

  /** Hashes every pending leaf's path once. Reading the root does it too. */
  flush(): void {
    if (this.pending.size === 0) return
    const entries = [...this.pending].map(([pos, leaf]) => [BigInt(pos), leaf] as const)
    this.pending.clear()
    super.setMany(entries)
  }

  private position(index: bigint): number {
    const pos = Number(index)
    if (index < 0n || pos >= this.width) throw new OutOfRangeError({ what: 'leaf index', value: index, limit: `below 2^${this.depth}` })
    return pos
  }
}
