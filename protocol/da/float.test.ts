import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FLOAT } from '../constants.ts'
import { NotRepresentableError, OutOfRangeError } from '../errors.ts'
import { decodeAmount, decodeFee, decodeFloat, encodeAmount, encodeFee, encodeFloat, isRepresentable, nearestFloats } from './float.ts'

const representable = (fmt: { exponentBits: number; mantissaBits: number }) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: (1n << BigInt(fmt.mantissaBits)) - 1n }), fc.integer({ min: 0, max: (1 << fmt.exponentBits) - 1 }))
    .map(([m, e]) => m * 10n ** BigInt(e))
    .filter((v) => v < 1n << 128n)

describe('DA floats', () => {
  it('round-trip every representable amount and fee exactly', () => {
    fc.assert(fc.property(representable(FLOAT.AMOUNT), (v) => decodeAmount(encodeAmount(v)) === v))
    fc.assert(fc.property(representable(FLOAT.FEE), (v) => decodeFee(encodeFee(v)) === v))
  })

  it('fit their declared widths', () => {
    fc.assert(fc.property(representable(FLOAT.AMOUNT), (v) => encodeAmount(v) < 1n << 32n))
    fc.assert(fc.property(representable(FLOAT.FEE), (v) => encodeFee(v) < 1n << 13n))
  })

  it('encode everyday values: 1.5 ETH, 21000 gwei fees, 6-decimal tokens', () => {
    for (const v of [15n * 10n ** 17n, 123456789n * 10n ** 10n, 1_000_000n, 0n]) expect(decodeAmount(encodeAmount(v))).toBe(v)
    for (const v of [21_000n * 10n ** 9n, 315n * 10n ** 11n, 0n]) expect(decodeFee(encodeFee(v))).toBe(v)
  })

  it('refuse values with too many significant digits, and name the nearest encodable ones', () => {
    const v = 123456789n
    expect(() => encodeFee(v)).toThrow(NotRepresentableError)
    expect(() => encodeFee(v)).toThrow(/nearest encodable values are 123000000 and 124000000/)
    const { below, above } = nearestFloats(v, FLOAT.FEE)
    expect(above).toBeDefined()
    expect(isRepresentable(below, FLOAT.FEE) && isRepresentable(above!, FLOAT.FEE)).toBe(true)
    expect(below <= v && v <= above!).toBe(true)
    // beyond the largest value there is nothing above
    expect(nearestFloats(10n ** 30n, FLOAT.FEE)).toEqual({ below: 511n * 10n ** 15n, above: undefined })
  })

  it('refuse amounts at or above 2^128 and negative amounts', () => {
    expect(() => encodeAmount(1n << 128n)).toThrow(OutOfRangeError)
    expect(() => encodeAmount(-1n)).toThrow(OutOfRangeError)
  })

  it('refuse packed values wider than the format or decoding to 2^128 or more', () => {
    expect(() => decodeFee(1n << 13n)).toThrow(/wider/)
    const huge = (31n << 27n) | ((1n << 27n) - 1n)
    expect(() => decodeAmount(huge)).toThrow(/2\^128/)
  })

  it('pick the canonical (smallest) exponent', () => {
    fc.assert(
      fc.property(representable(FLOAT.AMOUNT), (v) => {
        const packed = encodeFloat(v, FLOAT.AMOUNT)
        const e = packed >> 27n
        // one exponent less would not fit or not divide
        if (e > 0n) {
          const smaller = v / 10n ** (e - 1n)
          expect(smaller >= 1n << 27n || v % 10n ** (e - 1n) !== 0n).toBe(true)
        }
        expect(decodeFloat(packed, FLOAT.AMOUNT)).toBe(v)
      }),
    )
  })
})
