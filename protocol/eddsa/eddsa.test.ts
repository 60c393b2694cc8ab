import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { buildEddsa } from 'circomlibjs'
import { derivePublicKey, sign, verify, verifyReason, type Signature } from './eddsa.ts'
import { BASE8, SUBGROUP_ORDER, packPoint, unpackPoint, type Point } from './babyjub.ts'
import { FIELD_MODULUS } from '../field/field.ts'
import { babyjubjub } from '@noble/curves/misc.js'

// circomlibjs is the compatibility oracle: its eddsa over its own wasm field.
type CircomEddsa = Awaited<ReturnType<typeof buildEddsa>>
let ref: CircomEddsa
const F = () => ref.babyJub.F
const toCircomPoint = (p: Point) => [F().e(p.x), F().e(p.y)]
const fromCircomPoint = (p: unknown[]): Point => ({ x: F().toObject(p[0]) as bigint, y: F().toObject(p[1]) as bigint })

beforeAll(async () => {
  ref = await buildEddsa()
})

const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 })
const msgArb = fc.bigInt({ min: 0n, max: FIELD_MODULUS - 1n })

describe('EdDSA-Poseidon against circomlibjs', () => {
  it('derives the same public key', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        expect(derivePublicKey(key)).toEqual(fromCircomPoint(ref.prv2pub(Buffer.from(key))))
      }),
      { numRuns: 25 },
    )
  })

  it('produces the signature circomlibjs produces, and circomlibjs verifies ours', () => {
    fc.assert(
      fc.property(keyArb, msgArb, (key, msg) => {
        const ours = sign({ privateKey: key, message: msg })
        const theirs = ref.signPoseidon(Buffer.from(key), F().e(msg))
        expect(ours.S).toBe(theirs.S)
        expect(ours.R8).toEqual(fromCircomPoint(theirs.R8))
        const A = ref.prv2pub(Buffer.from(key))
        expect(ref.verifyPoseidon(F().e(msg), { R8: toCircomPoint(ours.R8), S: ours.S }, A)).toBe(true)
      }),
      { numRuns: 15 },
    )
  })

  it('verifies signatures made by circomlibjs, and refuses them for another message', () => {
    fc.assert(
      fc.property(keyArb, msgArb, (key, msg) => {
        const theirs = ref.signPoseidon(Buffer.from(key), F().e(msg))
        const signature: Signature = { R8: fromCircomPoint(theirs.R8), S: theirs.S }
        const publicKey = fromCircomPoint(ref.prv2pub(Buffer.from(key)))
        expect(verify({ publicKey, message: msg, signature })).toBe(true)
        expect(verify({ publicKey, message: (msg + 1n) % FIELD_MODULUS, signature })).toBe(false)
      }),
      { numRuns: 15 },
    )
  })

  it('packs points exactly as circomlibjs does', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        const A = derivePublicKey(key)
        const theirs = ref.babyJub.packPoint(toCircomPoint(A))
        expect(Buffer.from(packPoint(A)).toString('hex')).toBe(Buffer.from(theirs).toString('hex'))
        expect(unpackPoint(packPoint(A))).toEqual(A)
      }),
      { numRuns: 20 },
    )
  })
})

describe('EdDSA-Poseidon refuses malformed inputs', () => {
  const key = new Uint8Array(32).fill(7)
  const publicKey = derivePublicKey(key)
  const message = 123456789n
  const good = sign({ privateKey: key, message })

  it('refuses S at or above the subgroup order, even when S - l would verify', () => {
    expect(verify({ publicKey, message, signature: good })).toBe(true)
    const malleated = { ...good, S: good.S + SUBGROUP_ORDER }
    expect(verifyReason({ publicKey, message, signature: malleated })).toMatch(/subgroup order/)
  })

  it('refuses a public key off the curve', () => {
    const off = { x: publicKey.x, y: (publicKey.y + 1n) % FIELD_MODULUS }
    expect(verifyReason({ publicKey: off, message, signature: good })).toMatch(/not on BabyJubJub/)
  })

  it('refuses a public key with a small-order component', () => {
    // (0, -1) has order 2; A + T is on the curve but outside the prime subgroup, and 8h(A+T)
    // = 8hA, so without the subgroup check the same signature would verify for it.
    const P = babyjubjub.Point
    const torsion = P.fromAffine({ x: 0n, y: FIELD_MODULUS - 1n })
    const shifted = P.fromAffine(publicKey).add(torsion).toAffine()
    expect(verifyReason({ publicKey: shifted, message, signature: good })).toMatch(/prime-order subgroup/)
  })

  it('refuses an R8 off the curve and an R8 shifted by a small-order point', () => {
    const off = { ...good, R8: { x: good.R8.x, y: (good.R8.y + 1n) % FIELD_MODULUS } }
    expect(verify({ publicKey, message, signature: off })).toBe(false)
    const P = babyjubjub.Point
    const shifted = P.fromAffine(good.R8).add(P.fromAffine({ x: 0n, y: FIELD_MODULUS - 1n })).toAffine()
    expect(verify({ publicKey, message, signature: { ...good, R8: shifted } })).toBe(false)
  })

  it('refuses the identity as a public key and a message outside the field', () => {
    expect(verifyReason({ publicKey: { x: 0n, y: 1n }, message, signature: good })).toMatch(/identity/)
    expect(verifyReason({ publicKey, message: FIELD_MODULUS, signature: good })).toMatch(/field element/)
  })

  it('has Base8 as the subgroup generator', () => {
    const P = babyjubjub.Point
    expect(P.fromAffine(BASE8).multiplyUnsafe(SUBGROUP_ORDER - 1n).add(P.fromAffine(BASE8)).is0()).toBe(true)
  })
})
