import { describe, expect, it } from 'vitest'
import pino from 'pino'
import { UnavailableError } from '../errors/index.ts'
import { BondGuard, type BondReading } from './BondGuard.ts'

const logger = pino({ level: 'silent' })

function guardOver(readings: (BondReading | Error)[]): BondGuard {
  let i = 0
  return new BondGuard({
    pollMs: 1000,
    logger,
    read: async () => {
      const r = readings[Math.min(i++, readings.length - 1)]!
      if (r instanceof Error) throw r
      return r
    },
  })
}

describe('BondGuard', () => {
  it('accepts before any reading and while the bond covers the minimum', async () => {
    const g = guardOver([{ available: 10n, minimum: 10n }])
    expect(() => g.check()).not.toThrow()
    await g.poll()
    expect(g.reading).toEqual({ available: 10n, minimum: 10n })
    expect(() => g.check()).not.toThrow()
  })

  it('refuses while the bond is below the minimum, and accepts again once topped up', async () => {
    const g = guardOver([{ available: 9n, minimum: 10n }, { available: 11n, minimum: 10n }])
    await g.poll()
    expect(() => g.check()).toThrow(UnavailableError)
    expect(() => g.check()).toThrow(/9 wei, below the minimum 10/)
    expect(() => g.check()).toThrow(expect.objectContaining({ code: 'BOND_TOO_LOW', severity: 'temporary' }))
    await g.poll()
    expect(() => g.check()).not.toThrow()
  })

  it('keeps the last reading when L1 cannot be read', async () => {
    const g = guardOver([{ available: 1n, minimum: 10n }, new Error('endpoint down')])
    await g.poll()
    await g.poll()
    expect(g.reading).toEqual({ available: 1n, minimum: 10n })
    expect(() => g.check()).toThrow(UnavailableError)
  })

  it('polls on a timer and stops', async () => {
    let reads = 0
    const g = new BondGuard({ pollMs: 5, logger, read: async () => ({ available: BigInt(reads++), minimum: 0n }) })
    g.start()
    while (reads < 2) await new Promise((r) => setTimeout(r, 5))
    await g.stop()
    const after = reads
    expect(after).toBeGreaterThan(1)
    await new Promise((r) => setTimeout(r, 30))
    expect(reads).toBe(after)
  })
})
