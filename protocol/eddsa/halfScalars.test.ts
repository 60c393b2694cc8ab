import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { SUBGROUP_ORDER } from './babyjub.ts'
import { halfScalars } from './halfScalars.ts'

const l = SUBGROUP_ORDER
const words = new BigUint64Array(12)
const u32 = new Uint32Array(words.buffer)
const put = (at: number, x: bigint): void => {
  for (let i = 0; i < 4; i++) words[at + i] = x >> BigInt(64 * i)
}
const get = (at: number): bigint => {
  let x = 0n
  for (let i = 3; i >= 0; i--) x = (x << 64n) | words[at + i]!
  return x
}
const bits = (x: bigint): number => (x === 0n ? 0 : x.toString(2).length)

/** Runs halfScalars on h and checks its promise; returns max(bits(c), bits(d)) or undefined. */
function run(h: bigint): number | undefined {
  words.fill(0n)
  put(0, h)
  const r = halfScalars(u32, 0, 8, 16)
  if (!r) {
    expect(get(0)).toBe(h) // nothing written
    return undefined
  }
  const c = get(4)
  const dAbs = get(8)
  const d = r.dNegative ? -dAbs : dAbs
  expect((((c - d * h) % l) + l) % l).toBe(0n)
  expect(dAbs & 1n).toBe(1n)
  expect(r.cBits).toBe(bits(c))
  expect(r.dBits).toBe(bits(dAbs))
  return Math.max(r.cBits, r.dBits)
}

describe('halfScalars', () => {
  it('finds c = d h (mod l) with d odd and both about 126 bits', () => {
    // Edge-biased values (fast-check's default) only for correctness...
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: l - 1n }), (h) => {
        run(h)
      }),
      { numRuns: 500 },
    )
    // ...uniform ones for the sizes: hashes are uniform.
    let long = 0
    fc.assert(
      fc.property(fc.noBias(fc.bigInt({ min: 0n, max: l - 1n })), (h) => {
        const m = run(h)
        if (m === undefined || m > 130) long++
      }),
      { numRuns: 2000 },
    )
    expect(long).toBeLessThan(20)
  })

  it('handles small, structured and extreme values (or gives up, leaving h in place)', () => {
    for (const h of [0n, 1n, 2n, 3n, 1n << 125n, 1n << 126n, (1n << 126n) + 1n, 1n << 200n, l - 1n, l - 2n, (l - 1n) / 2n, (l + 1n) / 2n]) run(h)
    expect(run(0n)).toBe(1) // c = 0, d = 1
    expect(run(12345n)).toBe(14) // c = h, d = 1
  })

  it('gives up rather than err on huge quotients', () => {
    // h = l / 2^60 makes the first Euclidean quotient about 2^60.
    expect(run(l >> 60n)).toBeUndefined()
    expect(run(l - 1n)).toBeUndefined()
  })
})
