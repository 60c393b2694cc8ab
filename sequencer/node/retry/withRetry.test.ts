import { describe, expect, it } from 'vitest'
import { RetryExhaustedError } from '../errors.ts'
import { withRetry } from './withRetry.ts'

describe('withRetry', () => {
  it('retries with growing delays until success, gives up with the last error, stops at final errors', async () => {
    const delays: number[] = []
    const sleep = async (ms: number) => void delays.push(ms)
    let n = 0
    expect(await withRetry({ what: 'x', fn: async () => (++n < 4 ? Promise.reject(new Error(`fail ${n}`)) : n), policy: { sleep, baseDelayMs: 10, maxDelayMs: 35 } })).toBe(4)
    expect(delays.length).toBe(3)
    expect(delays[0]).toBeGreaterThanOrEqual(10)
    expect(delays[1]).toBeGreaterThanOrEqual(20)
    expect(delays[2]).toBeLessThanOrEqual(35 * 1.5)
    const err = await withRetry({ what: 'y', fn: async () => Promise.reject(new Error('always')), policy: { sleep, attempts: 3 } }).catch((e) => e)
    expect(err).toBeInstanceOf(RetryExhaustedError)
    expect(err).toMatchObject({ code: 'RETRY_EXHAUSTED', severity: 'temporary', attempts: 3 })
    expect(err.message).toMatch(/y failed 3 times: always/)
    let calls = 0
    await expect(withRetry({ what: 'z', fn: async () => (calls++, Promise.reject(new TypeError('final'))), policy: { sleep, retryable: (e) => !(e instanceof TypeError) } })).rejects.toThrow(TypeError)
    expect(calls).toBe(1)
  })
})
