import { describe, expect, it } from 'vitest'
import { RateLimiter } from './RateLimiter.ts'

describe('RateLimiter', () => {
  it('allows the burst, then the rate, per client', () => {
    let now = 0
    const l = new RateLimiter({ ratePerSecond: 10, burst: 5, now: () => now })
    expect(l.take('a', 5)).toBe(0)
    expect(l.take('a', 1)).toBe(100)
    expect(l.take('b', 5)).toBe(0) // another client has its own bucket
    now += 100
    expect(l.take('a', 1)).toBe(0)
    expect(l.take('a', 1)).toBe(100)
  })

  it('keeps memory bounded under rotating addresses', () => {
    let now = 0
    const l = new RateLimiter({ ratePerSecond: 1, burst: 1, now: () => now, maxClients: 100 })
    for (let i = 0; i < 100; i++) expect(l.take(`10.0.0.${i}`)).toBe(0)
    expect(l.take('10.0.1.1')).toBe(1000)
    expect(l.size).toBe(100)
    now += 2000 // all buckets full again: dropped on the next sweep
    expect(l.take('10.0.1.1')).toBe(0)
    expect(l.size).toBe(1)
  })
})
