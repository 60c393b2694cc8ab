/**
 * A token bucket per client: each client may make `ratePerSecond` calls per second on
 * average and `burst` at once. Buckets of clients idle long enough to be full again are
 * dropped, and at most `maxClients` (100,000) are kept: beyond that, new clients wait, so a
 * flood from rotating addresses cannot grow memory without bound.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ ratePerSecond: 100, burst: 200 })
 * const wait = limiter.take('10.0.0.1', 5) // 0: allowed; otherwise milliseconds until it would be
 * ```
 */
export class RateLimiter {
  private readonly rate: number
  private readonly burst: number
  private readonly now: () => number
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly maxClients: number
  private lastSweep = 0

  constructor(params: { ratePerSecond: number; burst: number; now?: () => number; maxClients?: number }) {
    this.rate = params.ratePerSecond
    this.burst = params.burst
    this.now = params.now ?? Date.now
    this.maxClients = params.maxClients ?? 100_000
  }

  /** Takes `n` calls for `client`: 0 if allowed, else the milliseconds to wait (nothing is taken). */
  take(client: string, n = 1): number {
    if (this.rate <= 0) return 0
    const now = this.now()
    this.sweep(now)
    let b = this.buckets.get(client)
    if (!b) {
      // Too many clients at once (addresses rotated to dodge the limit): newcomers wait.
      if (this.buckets.size >= this.maxClients) {
        this.sweep(now, true)
        if (this.buckets.size >= this.maxClients) return 1000
      }
      b = { tokens: this.burst, at: now }
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) * this.rate) / 1000)
    b.at = now
    this.buckets.set(client, b)
    if (b.tokens >= n) {
      b.tokens -= n
      return 0
    }
    return Math.ceil(((n - b.tokens) * 1000) / this.rate)
  }

  /** Clients with a bucket. */
  get size(): number {
    return this.buckets.size
  }

  private sweep(now: number, force = false): void {
    if (!force && now - this.lastSweep < 10_000) return
    this.lastSweep = now
    const full = (this.burst / this.rate) * 1000
    for (const [k, b] of this.buckets) if (now - b.at > full) this.buckets.delete(k)
  }
}
