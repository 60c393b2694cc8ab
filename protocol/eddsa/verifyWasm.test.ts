import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { buildEddsa } from 'circomlibjs'
import { babyjubjub } from '@noble/curves/misc.js'
import { FIELD_MODULUS, mod } from '../field/field.ts'
import { poseidon } from '../hash.ts'
import { SUBGROUP_ORDER, type Point } from './babyjub.ts'
import { IO_WORDS, STATUS, curveKernel, putWords } from './curveWasm.ts'
import { derivePublicKey, sign, verify, verifyReason, type Signature } from './eddsa.ts'
import { verifyReasonNoble } from './eddsaNoble.ts'
import { SMALL_ORDER_POINTS } from './torsion.ts'

const NP = babyjubjub.Point
const p = FIELD_MODULUS
const l = SUBGROUP_ORDER
type CircomEddsa = Awaited<ReturnType<typeof buildEddsa>>
let ref: CircomEddsa
beforeAll(async () => {
  ref = await buildEddsa()
})

interface Case {
  publicKey: Point
  message: bigint
  signature: Signature
}

const pt = (q: InstanceType<typeof NP>): Point => {
  const { x, y } = q.toAffine()
  return { x, y }
}
const shift = (q: Point, t: number): Point => pt(NP.fromAffine(q).add(NP.fromAffine(SMALL_ORDER_POINTS[t]!)))

/** Tampered variants of a valid case, each with a label. */
function variants(c: Case, other: Point): [string, Case][] {
  const { publicKey: A, message, signature: s } = c
  const R = s.R8
  const out: [string, Case][] = [
    ['valid', c],
    ['S + 1', { ...c, signature: { ...s, S: (s.S + 1n) % l } }],
    ['S - 1', { ...c, signature: { ...s, S: (s.S + l - 1n) % l } }],
    ['S + l', { ...c, signature: { ...s, S: s.S + l } }],
    ['S negative', { ...c, signature: { ...s, S: -1n } }],
    ['message + 1', { ...c, message: (message + 1n) % p }],
    ['message = p', { ...c, message: p }],
    ['R8 + Base8', { ...c, signature: { ...s, R8: pt(NP.fromAffine(R).add(NP.BASE)) } }],
    ['R8 negated', { ...c, signature: { ...s, R8: { x: mod(-R.x), y: R.y } } }],
    ['R8 identity', { ...c, signature: { ...s, R8: { x: 0n, y: 1n } } }],
    ['R8 off curve', { ...c, signature: { ...s, R8: { x: R.x, y: mod(R.y + 1n) } } }],
    ['R8 x = p', { ...c, signature: { ...s, R8: { x: p, y: R.y } } }],
    ['R8 y negative', { ...c, signature: { ...s, R8: { x: R.x, y: -1n } } }],
    ['other key', { ...c, publicKey: other }],
    ['key negated', { ...c, publicKey: { x: mod(-A.x), y: A.y } }],
    ['key off curve', { ...c, publicKey: { x: A.x, y: mod(A.y + 1n) } }],
    ['key off curve, R8 x = p', { publicKey: { x: A.x, y: mod(A.y + 1n) }, message, signature: { ...s, R8: { x: p, y: R.y } } }],
    ['key outside field', { ...c, publicKey: { x: A.x + p, y: A.y } }],
    ['key identity', { ...c, publicKey: { x: 0n, y: 1n } }],
    ['no key', { ...c, publicKey: { x: 0n, y: 0n } }],
  ]
  for (let t = 1; t < 8; t++) {
    out.push([`R8 + T${t}`, { ...c, signature: { ...s, R8: shift(R, t) } }])
    out.push([`key + T${t}`, { ...c, publicKey: shift(A, t) }])
    out.push([`key + T${t}, R8 + 8h T${t}`, { ...c, publicKey: shift(A, t), signature: { ...s, R8: R } }])
    out.push([`key = T${t}`, { ...c, publicKey: SMALL_ORDER_POINTS[t]! }])
  }
  return out
}

const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 })
const msgArb = fc.bigInt({ min: 0n, max: p - 1n })

function makeCase(key: Uint8Array, message: bigint): Case {
  return { publicKey: derivePublicKey(key), message, signature: sign({ privateKey: key, message }) }
}

describe('verification in WebAssembly', () => {
  it('gives the reason the previous (noble) path gives, for valid and tampered signatures, fresh and known keys', () => {
    fc.assert(
      fc.property(keyArb, keyArb, msgArb, (key, otherKey, message) => {
        const c = makeCase(key, message)
        const vs = variants(c, derivePublicKey(otherKey))
        // twice: the second round sees every valid key as known
        for (let round = 0; round < 2; round++) {
          for (const [label, v] of vs) {
            const ours = verifyReason(v)
            expect({ label, reason: ours }).toEqual({ label, reason: verifyReasonNoble(v) })
            expect(verify(v)).toBe(ours === undefined)
          }
        }
        expect(verifyReason(c)).toBeUndefined()
      }),
      { numRuns: 12 },
    )
  })

  it('refuses with the documented reasons', () => {
    const c = makeCase(new Uint8Array(32).fill(3), 42n)
    const reasons = new Map(variants(c, derivePublicKey(new Uint8Array(32).fill(4))).map(([label, v]) => [label, verifyReason(v)]))
    expect(reasons.get('valid')).toBeUndefined()
    expect(reasons.get('S + 1')).toBe('signature does not match')
    expect(reasons.get('S + l')).toBe('S is not below the subgroup order')
    expect(reasons.get('message = p')).toBe('message is not a field element')
    expect(reasons.get('R8 off curve')).toBe('R8 is not on BabyJubJub')
    expect(reasons.get('R8 x = p')).toBe('R8 is not on BabyJubJub')
    expect(reasons.get('R8 + T4')).toBe('signature does not match')
    expect(reasons.get('R8 identity')).toBe('R8 is not on BabyJubJub')
    expect(reasons.get('key off curve')).toBe('public key is not on BabyJubJub')
    expect(reasons.get('key off curve, R8 x = p')).toBe('public key is not on BabyJubJub')
    expect(reasons.get('key outside field')).toBe('public key has a coordinate outside the field')
    expect(reasons.get('key identity')).toBe('public key is the identity')
    expect(reasons.get('no key')).toBe('public key is not on BabyJubJub')
    for (let t = 1; t < 8; t++) {
      expect(reasons.get(`key + T${t}`)).toBe('public key is not in the prime-order subgroup')
      expect(reasons.get(`key = T${t}`)).toBe('public key is not in the prime-order subgroup')
    }
  })

  it('agrees with circomlibjs on valid and tampered signatures of subgroup keys', () => {
    const F = () => ref.babyJub.F
    const circom = (v: Case): boolean =>
      ref.verifyPoseidon(F().e(v.message), { R8: [F().e(v.signature.R8.x), F().e(v.signature.R8.y)], S: v.signature.S }, [F().e(v.publicKey.x), F().e(v.publicKey.y)])
    const comparable = ['valid', 'S + 1', 'S - 1', 'message + 1', 'R8 + Base8', 'R8 negated', 'R8 identity', 'R8 off curve', 'other key', 'key negated', 'R8 + T1', 'R8 + T4']
    fc.assert(
      fc.property(keyArb, keyArb, msgArb, (key, otherKey, message) => {
        const vs = variants(makeCase(key, message), derivePublicKey(otherKey)).filter(([label]) => comparable.includes(label))
        for (const [label, v] of vs) expect({ label, ok: verify(v) }).toEqual({ label, ok: circom(v) })
      }),
      { numRuns: 6 },
    )
  })

  it('verifies with full-size scalars too ((c, d) = (h\', 1), the fallback of halfScalars)', () => {
    const k = curveKernel()
    const w = k.words
    const run = (v: Case): number => {
      const { publicKey: A, message, signature: s } = v
      const h = poseidon([s.R8.x, s.R8.y, A.x, A.y, message])
      putWords(w, IO_WORDS.px, A.x)
      putWords(w, IO_WORDS.py, A.y)
      putWords(w, IO_WORDS.qx, s.R8.x)
      putWords(w, IO_WORDS.qy, s.R8.y)
      putWords(w, IO_WORDS.s1, s.S & ((1n << 128n) - 1n))
      putWords(w, IO_WORDS.s3, s.S >> 128n)
      putWords(w, IO_WORDS.s2, (8n * h) % l)
      putWords(w, IO_WORDS.s4, 1n)
      return k.verify(1, 0, 1, 252)
    }
    fc.assert(
      fc.property(keyArb, msgArb, (key, message) => {
        const c = makeCase(key, message)
        expect(run(c)).toBe(STATUS.ok)
        expect(run({ ...c, message: (message + 1n) % p })).toBe(STATUS.mismatch)
        expect(run({ ...c, signature: { ...c.signature, R8: shift(c.signature.R8, 2) } })).toBe(STATUS.mismatch)
        expect(run({ ...c, publicKey: shift(c.publicKey, 1) })).toBe(STATUS.keyNotInSubgroup)
      }),
      { numRuns: 10 },
    )
  })
})
