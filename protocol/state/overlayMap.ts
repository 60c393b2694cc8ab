/**
 * A map that reads through to a parent and keeps its own writes until {@link commit}: the
 * copy-on-write layer that lets a chunk be built on a temporary state and committed in one
 * step (or dropped).
 *
 * @example
 * ```ts
 * const base = new OverlayMap<number, string>()
 * const child = base.fork()
 * child.set(1, 'a')
 * base.get(1) // undefined
 * child.commit()
 * base.get(1) // 'a'
 * ```
 */
export class OverlayMap<K, V> {
  private readonly local = new Map<K, V>()
  constructor(private readonly parent?: OverlayMap<K, V>) {}

  get(key: K): V | undefined {
    const v = this.local.get(key)
    if (v !== undefined || this.local.has(key)) return v
    return this.parent?.get(key)
  }

  set(key: K, value: V): void {
    this.local.set(key, value)
  }

  /** A child overlay reading through to this map. */
  fork(): OverlayMap<K, V> {
    return new OverlayMap(this)
  }

  /** Writes this overlay's entries into its parent and clears them. */
  commit(): void {
    if (!this.parent) throw new Error('cannot commit a map that has no parent')
    for (const [k, v] of this.local) this.parent.set(k, v)
    this.local.clear()
  }

  /** Entries written at this layer (not the parent's). */
  ownEntries(): IterableIterator<[K, V]> {
    return this.local.entries()
  }

  /** Every entry visible through this overlay (parent entries overridden by local ones). */
  *entries(): IterableIterator<[K, V]> {
    const seen = new Set<K>()
    for (const [k, v] of this.local) {
      seen.add(k)
      yield [k, v]
    }
    if (this.parent) for (const [k, v] of this.parent.entries()) if (!seen.has(k)) yield [k, v]
  }
}
