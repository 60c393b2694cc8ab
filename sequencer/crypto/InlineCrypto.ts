import type { CryptoPoolStats } from './CryptoPool.ts'
import { runVerifyJob, warmUpCrypto, type VerifyJob, type VerifyResult } from './cryptoJobs.ts'

/**
 * The crypto service without worker threads (`workers: 0`): verifications run on the event
 * loop, one job per turn (queued with `setImmediate`, so requests keep being
 * read between them). For small deployments and fast-starting tests; it caps throughput at
 * one core shared with everything else.
 *
 * @example
 * ```ts
 * const crypto = InlineCrypto.start({ domain })
 * await crypto.verify(job)
 * ```
 */
export class InlineCrypto {
  readonly stats: CryptoPoolStats = { verifyJobs: 0, verifyMs: 0, batches: 0, inlineJobs: 0, inlineMs: 0 }
  readonly size = 0
  private pending = 0
  private closed = false

  private constructor(private readonly d: { domain: bigint }) {}

  static start(params: { domain: bigint }): InlineCrypto {
    warmUpCrypto(params)
    return new InlineCrypto({ domain: params.domain })
  }

  get queued(): number {
    return this.pending
  }

  verify(job: VerifyJob): Promise<VerifyResult> {
    return this.run(() => runVerifyJob(job, this.d.domain))
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private run<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the crypto service is closed'))
    this.pending++
    return new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        this.pending--
        const start = performance.now()
        try {
          resolve(fn())
        } catch (e) {
          reject(e as Error)
        }
        this.stats.verifyJobs++
        this.stats.verifyMs += performance.now() - start
      })
    })
  }
}
