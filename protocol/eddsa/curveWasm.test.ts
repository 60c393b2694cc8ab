import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { babyjubjub } from '@noble/curves/misc.js'
import { FIELD_MODULUS, inv, mod } from '../field/field.ts'
import { SUBGROUP_ORDER, type Point } from './babyjub.ts'
import { IO_WORDS, SPLIT, SQRT_NEG_A, curveKernel, getWords, putWords } from './curveWasm.ts'
import { SMALL_ORDER_POINTS } from './torsion.ts'

const NP = babyjubjub.Point
type NPoint = InstanceType<typeof NP>
const l = SUBGROUP_ORDER
const k = curveKernel()
const w = k.words
const C_INV = inv(SQRT_NEG_A)

const setP = (q: Point): void => {
  putWords(w, IO_WORDS.px, q.x)
  putWords(w, IO_WORDS.py, q.y)
}
const setQ = (q: Point): void => {
  putWords(w, IO_WORDS.qx, q.x)
  putWords(w, IO_WORDS.qy, q.y)
}
/** Output slot s, mapped back to BabyJubJub affine coordinates. */
const out = (s: number): Point => {
  const X = getWords(w, IO_WORDS.out + 12 * s)
  const Y = getWords(w, IO_WORDS.out + 12 * s + 4)
  const Z = getWords(w, IO_WORDS.out + 12 * s + 8)
  expect(Z).not.toBe(0n)
  const zi = inv(Z)
  return { x: mod(X * zi * C_INV), y: mod(Y * zi) }
}
const affine = (q: NPoint): Point => {
  const { x, y } = q.toAffine()
  return { x, y }
}
/** Any scalar times any point (noble's own multiply wants scalars below l). */
function refMul(q: NPoint, scalar: bigint): NPoint {
  let acc = NP.ZERO
  let add = q
  for (let s = scalar; s > 0n; s >>= 1n) {
    if (s & 1n) acc = acc.add(add)
    add = add.double()
  }
  return acc
}

const TORSION = SMALL_ORDER_POINTS.map((q) => NP.fromAffine(q))
/** A point of the whole group: a subgroup point plus the small-order point of index t. */
const pointArb = fc
  .tuple(fc.bigInt({ min: 0n, max: l - 1n }), fc.integer({ min: 0, max: 7 }))
  .map(([s, t]) => (s === 0n ? TORSION[t]! : NP.BASE.multiply(s).add(TORSION[t]!)))
const scalarArb = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
  fc.bigInt({ min: 0n, max: l - 1n }),
  fc.constantFrom(0n, 1n, 2n, 7n, 8n, l - 1n, l, l + 1n, 8n * l - 1n, 8n * l, (1n << 256n) - 1n, 1n << 255n),
)
const edgePoints: NPoint[] = [...TORSION, NP.BASE, NP.BASE.negate(), NP.BASE.multiply(l - 1n)]

describe('BabyJubJub point arithmetic in WebAssembly, against noble', () => {
  it('adds, subtracts and adds twice (projective and affine cached forms, with and without T)', () => {
    const check = (P: NPoint, Q: NPoint): void => {
      setP(affine(P))
      setQ(affine(Q))
      for (const [neg, aff] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        k.add(neg, aff)
        const q = neg ? Q.negate() : Q
        expect(out(0)).toEqual(affine(P.add(q)))
        expect(out(1)).toEqual(affine(P.add(q).add(q)))
      }
    }
    for (const P of edgePoints) for (const Q of edgePoints) check(P, Q)
    fc.assert(fc.property(pointArb, pointArb, (P, Q) => check(P, Q)), { numRuns: 40 })
    fc.assert(fc.property(pointArb, (P) => check(P, P)), { numRuns: 10 })
  })

  it('doubles (with and without T)', () => {
    const check = (P: NPoint): void => {
      setP(affine(P))
      k.double()
      expect(out(0)).toEqual(affine(P.double()))
      expect(out(2)).toEqual(affine(P.double().add(P)))
      expect(out(1)).toEqual(affine(P.double().add(P).double()))
    }
    for (const P of edgePoints) check(P)
    fc.assert(fc.property(pointArb, check), { numRuns: 40 })
  })

  it('computes s1 Base8 + s3 2^128 Base8 + s2 (±P) + s4 (±Q) for any scalars below 2^256', () => {
    const B2 = NP.BASE.multiply(1n << BigInt(SPLIT))
    const check = (P: NPoint, Q: NPoint, s: readonly bigint[], negP: number, negQ: number): void => {
      setP(affine(P))
      setQ(affine(Q))
      putWords(w, IO_WORDS.s1, s[0]!)
      putWords(w, IO_WORDS.s2, s[1]!)
      putWords(w, IO_WORDS.s3, s[2]!)
      putWords(w, IO_WORDS.s4, s[3]!)
      const top = Math.max(1, ...s.map((x) => x.toString(2).length))
      k.msm(negP, negQ, top)
      const expected = refMul(NP.BASE, s[0]!)
        .add(refMul(B2, s[2]!))
        .add(refMul(negP ? P.negate() : P, s[1]!))
        .add(refMul(negQ ? Q.negate() : Q, s[3]!))
      expect(out(0)).toEqual(affine(expected))
    }
    check(NP.BASE, NP.BASE, [0n, 0n, 0n, 0n], 0, 0) // identity
    check(TORSION[1]!, TORSION[4]!, [0n, 1n, 0n, 1n], 0, 0)
    check(TORSION[3]!, TORSION[2]!, [1n, 8n * l - 1n, 1n, 3n], 1, 0)
    check(NP.BASE, NP.BASE, [l - 1n, 1n, 0n, 0n], 0, 0) // = O
    check(NP.BASE, NP.BASE.negate(), [5n, 3n, 0n, 3n], 0, 0)
    fc.assert(
      fc.property(pointArb, pointArb, fc.tuple(scalarArb, scalarArb, scalarArb, scalarArb), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }), (P, Q, s, negP, negQ) =>
        check(P, Q, s, negP, negQ),
      ),
      { numRuns: 25 },
    )
  })

  it('recognises points on the curve', () => {
    for (const P of edgePoints) {
      setP(affine(P))
      expect(k.onCurve()).toBe(1)
    }
    fc.assert(
      fc.property(pointArb, fc.bigInt({ min: 1n, max: FIELD_MODULUS - 1n }), (P, delta) => {
        const q = affine(P)
        setP(q)
        expect(k.onCurve()).toBe(1)
        setP({ x: q.x, y: mod(q.y + delta) })
        // (x, y + delta) is on the curve only for delta = -2y (the point (x, -y))
        expect(k.onCurve()).toBe(mod(q.y + delta) === mod(-q.y) ? 1 : 0)
      }),
      { numRuns: 40 },
    )
    setP({ x: 0n, y: 0n })
    expect(k.onCurve()).toBe(0)
  })

  it('tests prime-subgroup membership like noble (points outside the small-order group)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: l - 1n }), fc.integer({ min: 0, max: 7 }), (s, t) => {
        const P = NP.BASE.multiply(s).add(TORSION[t]!)
        setP(affine(P))
        expect(k.subgroup()).toBe(P.isTorsionFree() ? 1 : 0)
        expect(k.subgroup()).toBe(t === 0 ? 1 : 0)
      }),
      { numRuns: 80 },
    )
    setP(affine(NP.BASE))
    expect(k.subgroup()).toBe(1)
  })
})
