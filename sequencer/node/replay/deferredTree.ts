import { OutOfRangeError, OverlayMap, SparseMerkleTree, hashAccount, type Account } from '../../../protocol/index.ts'

const NO_WITNESS: readonly bigint[] = Object.freeze([])

/**
 * A {@link SparseMerkleTree} for replaying chunks when no Merkle witness is needed: `set`
 * only records the leaf, and every touched node is hashed once, level by level (protocol's
 * `setMany`), when the root is read (or {@link flush} is called). Replaying a chunk then costs
 * one hash per touched node instead of `depth` hashes per write; replaying a whole batch
 * before reading the root shares even more.
 *
 * Forks are `DeferredTree`s too (so `RollupState.fork()` keeps the fast path) and do not
 * hash anything: committing a fork that was never flushed hands its pending leaves to the
 * parent. Flushing a fork flushes its parent first.
 *
 * It gives **no witnesses**: `proof()` returns an empty list (protocol's `accessAccount` asks
 * for one on every access; the replay ignores it). For real proofs read the same nodes
 * through a plain `SparseMerkleTree` over {@link nodeMap} after {@link flush}.
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
  /** Pending leaves: a leaf value, or an account whose leaf hash is computed at the flush. */
  private readonly pending = new Map<number, bigint | Account>()
  private readonly width: number
  private readonly parentTree: DeferredTree | undefined

  constructor(params: { depth: number }, nodes: OverlayMap<number, bigint> = new OverlayMap(), parent?: DeferredTree) {
    super(params, nodes)
    this.nodeMap = nodes
    this.width = 2 ** params.depth
    this.parentTree = parent
  }

  override get root(): bigint {
    this.flush()
    return super.root
  }

  override get(index: bigint): bigint {
    this.flush()
    return super.get(index)
  }

  override set(index: bigint, leaf: bigint): void {
    this.pending.set(this.position(index), leaf)
  }

  /**
   * Sets the leaf of `index` to the hash of `account`, computed only at the next flush: an
   * account written many times before a root is read is hashed once.
   */
  setAccount(index: bigint, account: Account): void {
    this.pending.set(this.position(index), account)
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
    return new DeferredTree({ depth: this.depth }, this.nodeMap.fork(), this)
  }

  /** Writes hashed nodes into the parent's map and hands it the leaves not hashed yet. */
  override commit(): void {
    if (!this.parentTree) {
      this.flush()
      super.commit()
      return
    }
    super.commit()
    for (const [pos, leaf] of this.pending) this.parentTree.pending.set(pos, leaf)
    this.pending.clear()
  }

  /** Leaves set since the last flush. */
  get pendingCount(): number {
    return this.pending.size
  }

  /** Hashes every pending leaf's path once (the parent's first). Reading the root does it too. */
  flush(): void {
    this.parentTree?.flush()
    if (this.pending.size === 0) return
    const entries = [...this.pending].map(([pos, v]) => [BigInt(pos), typeof v === 'bigint' ? v : hashAccount(v)] as const)
    this.pending.clear()
    super.setMany(entries)
  }

  private position(index: bigint): number {
    const pos = Number(index)
    if (index < 0n || pos >= this.width) throw new OutOfRangeError({ what: 'leaf index', value: index, limit: `below 2^${this.depth}` })
    return pos
  }
}
