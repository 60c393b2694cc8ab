import { secp256k1 } from '@noble/curves/secp256k1.js'
import type { CryptoPoolStats } from './CryptoPool.ts'
import { runSignJob, runVerifyJob, warmUpCrypto, type SignJob, type VerifyJob, type VerifyResult } from './cryptoJobs.ts'

/**
 * The crypto service without worker threads (`workers: 0`): verifications and signatures run
 * on the event loop, one job per turn (queued with `setImmediate`, so requests keep being
 * read between them). For small deployments and fast-starting tests; it caps throughput at
 * one core shared with everything else.
 *
 * @example
 * ```ts
 * const crypto = InlineCrypto.start({ domain, chainId: 31337n, rollup, key })
 * await crypto.verify(job)
 * ```
 */
export class InlineCrypto {
  readonly stats: CryptoPoolStats = { verifyJobs: 0, verifyMs: 0, signJobs: 0, signMs: 0, batches: 0 }
  readonly size = 0
  private pending = 0
  private closed = false

  private constructor(private readonly d: { domain: bigint; chainId: bigint; rollup: `0x${string}`; key: Uint8Array }) {}

  static start(params: { domain: bigint; chainId: bigint; rollup: `0x${string}`; key: `0x${string}` }): InlineCrypto {
    const d = { ...params, key: Uint8Array.from(Buffer.from(params.key.slice(2), 'hex')) }
    secp256k1.Point.BASE.precompute(8, false)
    warmUpCrypto(d)
    return new InlineCrypto(d)
  }

  get queued(): number {
    return this.pending
  }

  verify(job: VerifyJob): Promise<VerifyResult> {
    return this.run(() => runVerifyJob(job, this.d.domain), 'verify')
  }

  sign(job: SignJob): Promise<Uint8Array> {
    return this.run(() => runSignJob(job, this.d), 'sign')
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private run<T>(fn: () => T, kind: 'verify' | 'sign'): Promise<T> {
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
        const ms = performance.now() - start
        if (kind === 'verify') {
          this.stats.verifyJobs++
          this.stats.verifyMs += ms
        } else {
          this.stats.signJobs++
          this.stats.signMs += ms
        }
      })
    })
  }
}
