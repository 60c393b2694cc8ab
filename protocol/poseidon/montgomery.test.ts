import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FIELD_MODULUS, mod } from '../field/field.ts'
import {
  ELEMENT_BYTES,
  LIMBS,
  LIMB_BITS,
  MONTGOMERY_R,
  emitAddNoCarry,
  fromLimbs,
  fromMontgomery,
  inLocals,
  inMemory,
  readLimbs,
  toLimbs,
  toMontgomery,
  writeLimbs,
} from './limbs.ts'
import { MAX_PRODUCTS, emitMontgomery, type ProductTerm } from './montgomery.ts'
import { FunctionBuilder, I32, I64, WasmModuleBuilder } from './wasmEmitter.ts'
import { instantiateWasm } from './wasmInstance.ts'

const p = FIELD_MODULUS
const R_INV = fromMontgomery(1n) // R^-1 mod p
const e = ELEMENT_BYTES
const MAX_LIMB = 2 ** LIMB_BITS - 1
/** The largest normalised value: every limb all ones. */
const ALL_ONES = MONTGOMERY_R - 1n

/** Deterministic pseudo-random integers below 2^bits. */
function randoms(seed: string, count: number, bits: number): bigint[] {
  return Array.from({ length: count }, (_, i) => {
    const h = createHash('sha512').update(`${seed}:${i}`).digest('hex')
    return BigInt(`0x${h}`) & ((1n << BigInt(bits)) - 1n)
  })
}

const DOT_SIZES = [2, 3, MAX_PRODUCTS]

/** A module exercising emitMontgomery: addresses in, addresses out. */
function buildKernel() {
  const m = new WasmModuleBuilder(2)
  const mul = m.addFunction(new FunctionBuilder([I32, I32, I32], []), 'mul')
  emitMontgomery(m.body(mul), [{ a: inMemory(1), b: inMemory(2) }], inMemory(0))
  const sqr = m.addFunction(new FunctionBuilder([I32, I32], []), 'sqr')
  {
    const a = inMemory(1)
    emitMontgomery(m.body(sqr), [{ a, b: a }], inMemory(0))
  }
  // (a + b)^4 / R^3 in locals, squaring in place, from an addition without carry.
  const quad = m.addFunction(new FunctionBuilder([I32, I32, I32], []), 'quadOfSum')
  {
    const f = m.body(quad)
    const x = inLocals(f.localArray(LIMBS, I64))
    emitAddNoCarry(f, x, inMemory(1), inMemory(2))
    emitMontgomery(f, [{ a: x, b: x }], x)
    emitMontgomery(f, [{ a: x, b: x }], inMemory(0))
  }
  // (a + b) * c / R with the unnormalised sum in locals.
  const mulOfSum = m.addFunction(new FunctionBuilder([I32, I32, I32, I32], []), 'mulOfSum')
  {
    const f = m.body(mulOfSum)
    const x = inLocals(f.localArray(LIMBS, I64))
    emitAddNoCarry(f, x, inMemory(1), inMemory(2))
    emitMontgomery(f, [{ a: x, b: inMemory(3) }], inMemory(0))
  }
  for (const n of DOT_SIZES) {
    const dot = m.addFunction(new FunctionBuilder([I32, I32, I32], []), `dot${n}`)
    const terms: ProductTerm[] = Array.from({ length: n }, (_, j) => ({ a: inMemory(1, j * e), b: inMemory(2, j * e) }))
    emitMontgomery(m.body(dot), terms, inMemory(0))
  }
  const mulAdd = m.addFunction(new FunctionBuilder([I32, I32, I32, I32], []), 'mulAdd')
  emitMontgomery(m.body(mulAdd), [{ a: inMemory(1), b: inMemory(2) }], inMemory(0), inMemory(3))
  const { exports, memory } = instantiateWasm(m.toBytes())
  const x = exports as Record<string, (...args: number[]) => void>
  const u32 = new Uint32Array(memory.buffer)
  const OUT = 1024
  const [A, B, C] = [4096, 8192, 12288]
  const write = (address: number, values: readonly bigint[]): void =>
    values.forEach((v, j) => writeLimbs(u32, address + j * e, toLimbs(v)))
  const read = (): number[] => readLimbs(u32, OUT)
  return {
    mul(a: bigint, b: bigint): number[] {
      write(A, [a])
      write(B, [b])
      x.mul!(OUT, A, B)
      return read()
    },
    sqr(a: bigint): number[] {
      write(A, [a])
      x.sqr!(OUT, A)
      return read()
    },
    quadOfSum(a: bigint, b: bigint): number[] {
      write(A, [a])
      write(B, [b])
      x.quadOfSum!(OUT, A, B)
      return read()
    },
    mulOfSum(a: bigint, b: bigint, c: bigint): number[] {
      write(A, [a])
      write(B, [b])
      write(C, [c])
      x.mulOfSum!(OUT, A, B, C)
      return read()
    },
    dot(a: readonly bigint[], b: readonly bigint[]): number[] {
      write(A, a)
      write(B, b)
      x[`dot${a.length}`]!(OUT, A, B)
      return read()
    },
    mulAdd(a: bigint, b: bigint, s: bigint): number[] {
      write(A, [a])
      write(B, [b])
      write(C, [s])
      x.mulAdd!(OUT, A, B, C)
      return read()
    },
  }
}

const k = buildKernel()

/** Checks a reduction result: normalised limbs, value below T/R + p + high, congruent to T/R + high. */
function expectReduced(limbs: number[], t: bigint, high = 0n): bigint {
  for (let i = 0; i < LIMBS - 1; i++) expect(limbs[i]).toBeLessThanOrEqual(MAX_LIMB)
  const value = fromLimbs(limbs)
  expect(value < t / MONTGOMERY_R + p + high + 1n).toBe(true)
  expect(mod(value)).toBe(mod(t * R_INV + high))
  return value
}

const EDGES = [0n, 1n, 2n, p - 1n, p, p + 1n, 2n * p - 1n, 70n * p, (1n << 256n) - 1n, 1n << 260n, ALL_ONES]
const RANDOM = [...randoms('mont-a', 40, 254).map((v) => mod(v)), ...randoms('mont-b', 20, LIMB_BITS * LIMBS)]

describe(`Montgomery reduction (${LIMBS} limbs of ${LIMB_BITS} bits)`, () => {
  it('agrees with BigInt (a * b) % p through Montgomery form', () => {
    const values = [...EDGES.filter((v) => v < p), ...randoms('field', 60, 256).map((v) => mod(v))]
    for (const a of values) {
      for (const b of values.slice(0, 12)) {
        const out = fromLimbs(k.mul(toMontgomery(a), toMontgomery(b)))
        expect(fromMontgomery(out)).toBe((a * b) % p)
      }
    }
  })

  it('computes a * b / R within the documented bound for any normalised inputs', () => {
    for (const a of [...EDGES, ...RANDOM]) {
      for (const b of [...EDGES, ...RANDOM.slice(0, 10)]) expectReduced(k.mul(a, b), a * b)
    }
  })

  it('squares like it multiplies', () => {
    for (const a of [...EDGES, ...RANDOM]) {
      const s = expectReduced(k.sqr(a), a * a)
      expect(s).toBe(fromLimbs(k.mul(a, a)))
    }
  })

  it('multiplies and squares in locals, in place, with (LIMB_BITS + 1)-bit limbs from an addition', () => {
    // Every limb but the top one at its maximum, the top one keeping the sum below 2^261.
    const wide = (1n << BigInt(LIMB_BITS * (LIMBS - 1))) - 1n + (1n << BigInt(LIMB_BITS * LIMBS - 2))
    const cases: [bigint, bigint][] = [
      [wide, wide],
      [p - 1n, p - 1n],
      [70n * p, p - 1n],
      ...randoms('quad', 20, 254).map((a, i): [bigint, bigint] => [a, RANDOM[i]!]),
    ]
    for (const [a, b] of cases) {
      const sum = a + b
      const x2 = mod(sum * sum * R_INV)
      expect(mod(fromLimbs(k.quadOfSum(a, b)))).toBe(mod(x2 * x2 * R_INV))
      for (const c of [ALL_ONES, p - 1n, RANDOM[3]!]) expectReduced(k.mulOfSum(a, b, c), sum * c)
    }
  })

  it(`reduces a sum of ${DOT_SIZES.join(', ')} products once, up to MAX_PRODUCTS = ${MAX_PRODUCTS}`, () => {
    for (const n of DOT_SIZES) {
      for (let trial = 0; trial < 12; trial++) {
        const a = trial === 0 ? Array<bigint>(n).fill(ALL_ONES) : randoms(`dot-a-${n}-${trial}`, n, 254).map((v) => mod(v))
        const b = trial <= 1 ? Array<bigint>(n).fill(ALL_ONES) : randoms(`dot-b-${n}-${trial}`, n, 260)
        const t = a.reduce((acc, ai, j) => acc + ai * b[j]!, 0n)
        expectReduced(k.dot(a, b), t)
      }
    }
  })

  it('adds a high part: (a * b + s * R) / R = a * b / R + s', () => {
    for (const [i, s] of [...EDGES, ...RANDOM].entries()) {
      const a = RANDOM[i % RANDOM.length]!
      const b = EDGES[i % EDGES.length]!
      expectReduced(k.mulAdd(a, b, s), a * b, s)
      expectReduced(k.mulAdd(ALL_ONES, ALL_ONES, s), ALL_ONES * ALL_ONES, s)
    }
  })

  it('refuses more products than the column bound allows', () => {
    const f = new FunctionBuilder([I32], [])
    const terms = Array.from({ length: MAX_PRODUCTS + 1 }, (_, j) => ({ a: inMemory(0, j * e), b: inMemory(0, j * e) }))
    expect(() => emitMontgomery(f, terms, inMemory(0))).toThrow(RangeError)
  })
})
