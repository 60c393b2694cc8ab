import { OverlayMap } from '../../../protocol/index.ts'

/**
 * The bottom layer of protocol's copy-on-write maps, with deletion: the node's state lives in
 * one of these per kind (tree nodes, accounts, owner lists), forks of it hold a batch being
 * replayed, and reverting a batch deletes what it created. It is an `OverlayMap`, so protocol's
 * `RollupState` and `SparseMerkleTree` take it as their storage; forks are plain overlays.
 *
 * @example
 * ```ts
 * const nodes = new RootMap<number, bigint>()
 * const batch = nodes.fork()
 * batch.set(7, 1n)
 * batch.commit()
 * nodes.delete(7)
 * ```
 */
export class RootMap<K, V> extends OverlayMap<K, V> {
  private readonly map: Map<K, V>

  constructor(entries?: Iterable<readonly [K, V]>) {
    super()
    this.map = new Map(entries)
  }

  override get(key: K): V | undefined {
    return this.map.get(key)
  }

  override set(key: K, value: V): void {
    this.map.set(key, value)
  }

  /** Removes `key` (a later `get` gives undefined, as for a key never set). */
  delete(key: K): void {
    this.map.delete(key)
  }

  get size(): number {
    return this.map.size
  }

  override commit(): void {
    throw new Error('a RootMap has no parent to commit into')
  }

  override ownEntries(): IterableIterator<[K, V]> {
    return this.map.entries()
  }

  override *entries(): IterableIterator<[K, V]> {
    yield* this.map.entries()
  }
}
