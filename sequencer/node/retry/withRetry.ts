import { RetryExhaustedError } from '../errors.ts'

/** How an operation is retried: attempts, exponential backoff with jitter, and what is worth retrying. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 8). */
  attempts?: number
  /** Delay before the second attempt, doubled each time (default 100 ms). */
  baseDelayMs?: number
  /** Ceiling of the delay (default 5 s). */
  maxDelayMs?: number
  /** False for errors that another attempt cannot fix (default: retry everything). */
  retryable?: (error: unknown) => boolean
  /** Waits `ms` (tests pass a fake clock). */
  sleep?: (ms: number) => Promise<void>
  /** Called before each new attempt. */
  onRetry?: (params: { what: string; attempt: number; delayMs: number; error: unknown }) => void
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `fn` until it succeeds, at most `attempts` times, waiting `baseDelayMs * 2^k` (capped,
 * with up to 50% random jitter) between attempts. Throws {@link RetryExhaustedError} with the
 * last error when every attempt failed, or the error itself when `retryable` says it is final.
 *
 * @example
 * ```ts
 * const logs = await withRetry({ what: 'eth_getLogs 100..199', fn: () => client.getLogs({ ... }), policy: { attempts: 10 } })
 * ```
 */
export async function withRetry<T>(params: { what: string; fn: (attempt: number) => Promise<T>; policy?: RetryPolicy }): Promise<T> {
  const p = params.policy ?? {}
  const attempts = Math.max(1, p.attempts ?? 8)
  const base = p.baseDelayMs ?? 100
  const max = p.maxDelayMs ?? 5_000
  const sleep = p.sleep ?? defaultSleep
  let last: unknown
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await params.fn(attempt)
    } catch (e) {
      last = e
      if (p.retryable && !p.retryable(e)) throw e
      if (attempt === attempts) break
      const delayMs = Math.min(max, base * 2 ** (attempt - 1)) * (1 + Math.random() / 2)
      p.onRetry?.({ what: params.what, attempt, delayMs, error: e })
      await sleep(delayMs)
    }
  }
  throw new RetryExhaustedError({ what: params.what, attempts, cause: last })
}
