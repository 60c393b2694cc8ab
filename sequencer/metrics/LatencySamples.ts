/**
 * The last `size` durations of one stage (a ring buffer), for tail percentiles in benches and
 * diagnostics: means hide the tail, and a histogram per stage would cost more per request.
 *
 * @example
 * ```ts
 * const s = new LatencySamples(4096)
 * s.add(1.5)
 * s.percentile(99) // 1.5
 * ```
 */
export class LatencySamples {
  private readonly values: Float64Array
  private count = 0

  constructor(size = 8192) {
    this.values = new Float64Array(size)
  }

  add(ms: number): void {
    this.values[this.count % this.values.length] = ms
    this.count++
  }

  /** Forgets every sample (e.g. at the start of a measured window). */
  clear(): void {
    this.count = 0
  }

  /** Samples held (at most the size). */
  get length(): number {
    return Math.min(this.count, this.values.length)
  }

  /** The `p`-th percentile (nearest rank) of the samples held; NaN when there are none. */
  percentile(p: number): number {
    const n = this.length
    if (n === 0) return Number.NaN
    const sorted = this.values.slice(0, n).sort()
    return sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!
  }
}
