import { describe, expect, it } from 'vitest'
import { LatencySamples } from './LatencySamples.ts'

describe('LatencySamples', () => {
  it('gives nearest-rank percentiles of the last samples only', () => {
    const s = new LatencySamples(100)
    expect(s.percentile(50)).toBeNaN()
    for (let i = 1; i <= 100; i++) s.add(i)
    expect(s.percentile(50)).toBe(50)
    expect(s.percentile(99)).toBe(99)
    expect(s.percentile(100)).toBe(100)
    for (let i = 1; i <= 50; i++) s.add(1000 + i) // overwrites the oldest 50
    expect(s.length).toBe(100)
    expect(s.percentile(50)).toBe(100)
    expect(s.percentile(51)).toBe(1001)
    s.clear()
    expect(s.length).toBe(0)
  })
})
