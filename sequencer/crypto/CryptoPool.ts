import type { Worker } from 'node:worker_threads'
import { startWorker } from '../workers/startWorker.ts'
import { runVerifyJob, warmUpCrypto, type VerifyJob, type VerifyResult } from './cryptoJobs.ts'

interface Pending<R> {
  job: unknown
  resolve: (r: R) => void
  reject: (e: Error) => void
}

interface Slot {
  worker: Worker
  inFlight: number
}

/** Busy time of the pool's workers, for metrics and the bench's breakdown. */
export interface CryptoPoolStats {
  verifyJobs: number
  verifyMs: number
  batches: number
  /** Of `verifyJobs`, those checked on the calling thread because the workers were idle. */
  inlineJobs: number
  inlineMs: number
}

const MAX_BATCH = 8
const DEPTH = 2
/** Main-thread time (ms) inline checks may take in a burst, on top of their share. */
const INLINE_BURST_MS = 5

/**
 * A pool of worker threads (`cryptoWorker.ts`) for the expensive step of accepting a
 * transaction: hashing it and verifying its EdDSA signature (preconfirmations are signed once
 * per group commit by the store's writer thread). Jobs queue on the main thread and go to the
 * workers in small batches (at most 8 per message, two messages in flight per worker) so that
 * passing messages costs little while a fresh job never waits behind a long batch.
 *
 * When every worker is idle, nothing is queued and no job came in the last `loneGapMs` (a
 * lone transaction), a job is checked at once on the calling thread instead (`inlineShare`:
 * at most that fraction of the caller's time, with a 5 ms burst): a lone transaction then
 * skips two thread hops and their wake-ups, which are most of its time to admission on a
 * busy machine. Transactions that come closer together go to the workers: the calling
 * thread is the one that serves RPC, and every 0.2 ms it spends verifying under a steady
 * load delays the requests behind it (measured at 1,000 tx/s on 2 cores: the main thread's
 * backlog after a stall drains slower, and the tail grows).
 *
 * @example
 * ```ts
 * const pool = await CryptoPool.start({ size: 2, domain })
 * const { hash, reason } = await pool.verify(verifyJob({ signed, publicKey }))
 * await pool.close()
 * ```
 */
export class CryptoPool {
  private readonly slots: Slot[]
  private readonly verifyQueue: Pending<VerifyResult>[] = []
  private readonly batches = new Map<number, { items: Pending<unknown>[]; slot: Slot }>()
  private nextId = 1
  private scheduled = false
  private closed = false
  readonly stats: CryptoPoolStats = { verifyJobs: 0, verifyMs: 0, batches: 0, inlineJobs: 0, inlineMs: 0 }
  private readonly domain: bigint
  private readonly inlineShare: number
  private inlineBudgetMs = INLINE_BURST_MS
  private inlineBudgetAt = performance.now()
  private readonly loneGapMs: number
  private lastJobAt = Number.NEGATIVE_INFINITY

  private constructor(slots: Slot[], inline: { domain: bigint; share: number; loneGapMs: number }) {
    this.slots = slots
    this.domain = inline.domain
    this.inlineShare = inline.share
    this.loneGapMs = inline.loneGapMs
    for (const slot of slots) {
      slot.worker.on('message', (m: { id: number; results?: unknown[]; error?: string; ms: number }) => this.onReply(slot, m))
      slot.worker.on('error', (e: Error) => this.failAll(e))
    }
  }

  /**
   * Starts `size` workers and waits until each has loaded. `inlineShare` (0 to 1, default 0:
   * never) is the share of the calling thread's time that checks may take when the workers
   * are idle; `loneGapMs` (default 2) is how long after the previous job a job must come to
   * count as lone (0: any job while the workers are idle).
   */
  static async start(params: { size: number; domain: bigint; inlineShare?: number; loneGapMs?: number }): Promise<CryptoPool> {
    const share = params.inlineShare ?? 0
    if (!(share >= 0 && share <= 1)) throw new RangeError(`inlineShare must be between 0 and 1, got ${share}`)
    const loneGapMs = params.loneGapMs ?? 2
    if (!(loneGapMs >= 0)) throw new RangeError(`loneGapMs must be a non-negative number of milliseconds, got ${loneGapMs}`)
    if (share > 0) warmUpCrypto({ domain: params.domain })
    const workerData = { domain: params.domain }
    const slots = await Promise.all(
      Array.from({ length: params.size }, async (_, i) => {
        const worker = startWorker({ url: new URL('./cryptoWorker.ts', import.meta.url), workerData, name: `crypto-${i}` })
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve())
          worker.once('error', reject)
        })
        return { worker, inFlight: 0 }
      }),
    )
    return new CryptoPool(slots, { domain: params.domain, share, loneGapMs })
  }

  /** Hashes a transaction and checks its signature against the key in the job. */
  verify(job: VerifyJob): Promise<VerifyResult> {
    const now = performance.now()
    const lone = now - this.lastJobAt >= this.loneGapMs
    this.lastJobAt = now
    if (lone && this.inlineShare > 0 && !this.closed && this.verifyQueue.length === 0 && this.batches.size === 0 && this.inlineAllowed()) {
      const start = performance.now()
      let result: VerifyResult
      try {
        result = runVerifyJob(job, this.domain)
      } catch (e) {
        return Promise.reject(e as Error)
      } finally {
        const ms = performance.now() - start
        this.inlineBudgetMs -= ms
        this.stats.verifyJobs++
        this.stats.verifyMs += ms
        this.stats.inlineJobs++
        this.stats.inlineMs += ms
      }
      return Promise.resolve(result)
    }
    return this.enqueue(this.verifyQueue, job)
  }

  /** Refills the inline budget by `inlineShare` of the time since the last check; true while it is positive. */
  private inlineAllowed(): boolean {
    const now = performance.now()
    this.inlineBudgetMs = Math.min(INLINE_BURST_MS, this.inlineBudgetMs + (now - this.inlineBudgetAt) * this.inlineShare)
    this.inlineBudgetAt = now
    return this.inlineBudgetMs > 0
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.verifyQueue.length
  }

  /** Number of worker threads. */
  get size(): number {
    return this.slots.length
  }

  async close(): Promise<void> {
    this.closed = true
    this.failAll(new Error('the crypto pool is closed'))
    await Promise.all(this.slots.map((s) => s.worker.terminate()))
  }

  private enqueue<R>(queue: Pending<R>[], job: unknown): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the crypto pool is closed'))
    return new Promise<R>((resolve, reject) => {
      queue.push({ job, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => {
          this.scheduled = false
          this.pump()
        })
      }
    })
  }

  private pump(): void {
    for (;;) {
      const slot = this.slots.reduce<Slot | undefined>((best, s) => (s.inFlight < DEPTH && (!best || s.inFlight < best.inFlight) ? s : best), undefined)
      if (!slot) return
      const queue = this.verifyQueue as Pending<unknown>[]
      if (queue.length === 0) return
      // Spread what is queued over the free workers rather than giving it all to one.
      const free = this.slots.filter((s) => s.inFlight < DEPTH).length
      const take = Math.min(MAX_BATCH, Math.max(1, Math.ceil(queue.length / free)))
      const items = queue.splice(0, take)
      const id = this.nextId++
      this.batches.set(id, { items, slot })
      slot.inFlight++
      this.stats.batches++
      slot.worker.postMessage({ type: 'verify', id, jobs: items.map((i) => i.job) })
    }
  }

  private onReply(slot: Slot, m: { id: number; results?: unknown[]; error?: string; ms: number }): void {
    const batch = this.batches.get(m.id)
    if (!batch) return
    this.batches.delete(m.id)
    slot.inFlight--
    this.stats.verifyJobs += batch.items.length
    this.stats.verifyMs += m.ms
    if (m.error !== undefined || !m.results) {
      for (const item of batch.items) item.reject(new Error(`crypto worker failed: ${m.error}`))
    } else {
      batch.items.forEach((item, i) => item.resolve(m.results![i]))
    }
    this.pump()
  }

  private failAll(e: Error): void {
    for (const item of this.verifyQueue.splice(0)) item.reject(e)
    for (const b of this.batches.values()) for (const item of b.items) item.reject(e)
    this.batches.clear()
  }
}
