import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { babyjubjub } from '@noble/curves/misc.js'
import { FIELD_MODULUS, mod, pow } from '../field/field.ts'
import { SUBGROUP_ORDER } from './babyjub.ts'
import { MILLER, MONTGOMERY_A, PAIRING_EXPONENT, SMALL_ORDER_POINTS, inPrimeSubgroupByPairing, isSmallOrderPoint, pairingBase, toMontgomeryCurve } from './torsion.ts'

const NP = babyjubjub.Point
const TORSION = SMALL_ORDER_POINTS.map((q) => NP.fromAffine(q))
const order = (q: InstanceType<typeof NP>): number => {
  let n = 1
  for (let r = q; !r.is0(); r = r.add(q)) n++
  return n
}

describe('small-order points and the pairing subgroup test', () => {
  it('lists the eight points of order dividing 8, i * T for T of order 8', () => {
    expect(TORSION.map(order)).toEqual([1, 8, 4, 8, 2, 8, 4, 8])
    expect(SMALL_ORDER_POINTS[4]).toEqual({ x: 0n, y: FIELD_MODULUS - 1n })
    for (const q of TORSION.slice(1)) q.assertValidity()
    expect(new Set(SMALL_ORDER_POINTS.map((q) => `${q.x}:${q.y}`)).size).toBe(8)
    expect(SMALL_ORDER_POINTS.filter(isSmallOrderPoint)).toHaveLength(7)
    expect(isSmallOrderPoint(NP.BASE.toAffine())).toBe(false)
  })

  it('has Miller lines through the Montgomery form of T, 2T and 4T', () => {
    const { u, v } = toMontgomeryCurve(SMALL_ORDER_POINTS[1]!)
    expect(mod(v * v - (u * u * u + MONTGOMERY_A * u * u + u))).toBe(0n)
    expect(mod(v - MILLER.lambda1 * u - MILLER.c1)).toBe(0n)
    expect(MILLER.u4).toBe(0n) // 4T has order 2: (0, 0) on the Montgomery curve
    expect(PAIRING_EXPONENT * 8n + 1n).toBe(FIELD_MODULUS)
  })

  it('agrees with a multiplication by l on every coset of the small-order group', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: SUBGROUP_ORDER - 1n }), fc.integer({ min: 0, max: 7 }), (s, t) => {
        const P = NP.BASE.multiply(s).add(TORSION[t]!)
        expect(inPrimeSubgroupByPairing(P.toAffine())).toBe(P.isTorsionFree())
        expect(P.isTorsionFree()).toBe(t === 0)
      }),
      { numRuns: 60 },
    )
    for (let t = 0; t < 8; t++) expect(inPrimeSubgroupByPairing(SMALL_ORDER_POINTS[t]!)).toBe(t === 0)
  })

  it('is a homomorphism onto the 8th roots of unity: the coset of index t maps to zeta^t', () => {
    const chi = (q: InstanceType<typeof NP>): bigint => pow(pairingBase(q.toAffine()), PAIRING_EXPONENT)
    const base = NP.BASE.multiply(123456789n)
    const zeta = chi(base.add(TORSION[1]!))
    expect(pow(zeta, 4n)).toBe(FIELD_MODULUS - 1n) // a primitive 8th root of unity
    for (let t = 0; t < 8; t++) expect(chi(NP.BASE.multiply(987654321n + BigInt(t)).add(TORSION[t]!))).toBe(pow(zeta, BigInt(t)))
  })
})
