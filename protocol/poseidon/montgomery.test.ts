import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FIELD_MODULUS, mod } from '../field/field.ts'
import {
  ELEMENT_BYTES,
  LIMBS,
  LIMB_BITS,
  MONTGOMERY_R,
  emitFromWords,
  emitMontgomery,
  emitReduceOnce,
  emitToWords,
  emitAddNoCarry,
  fromLimbs,
  fromMontgomery,
  inLocals,
  inMemory,
  toLimbs,
  toMontgomery,
  readLimbs,
  writeLimbs,
  type ProductTerm,
} from './montgomery.ts'
import { FunctionBuilder, I32, I64, WasmModuleBuilder } from './wasmEmitter.ts'
import { instantiateWasm } from './wasmInstance.ts'

const p = FIELD_MODULUS
const R_INV = fromMontgomery(1n) // R^-1 mod p
const e = ELEMENT_BYTES

/** Deterministic pseudo-random integers below 2^bits. */
function randoms(seed: string, count: number, bits: number): bigint[] {
  return Array.from({ length: count }, (_, i) => {
    const h = createHash('sha512').update(`${seed}:${i}`).digest('hex')
    return BigInt(`0x${h}`) & ((1n << BigInt(bits)) - 1n)
  })
}

/** A module exercising each generator: addresses in, addresses out. */
function buildKernel() {
  const m = new WasmModuleBuilder(2)
  const mul = m.addFunction(new FunctionBuilder([I32, I32, I32], []), 'mul')
  emitMontgomery(m.body(mul), [{ a: inMemory(1), b: inMemory(2) }], inMemory(0))
  const sqr = m.addFunction(new FunctionBuilder([I32, I32], []), 'sqr')
  {
    const a = inMemory(1)
    emitMontgomery(m.body(sqr), [{ a, b: a }], inMemory(0))
  }
  // x^4 / R^3 in locals, squaring in place, plus an add without carry on the way in.
  const quad = m.addFunction(new FunctionBuilder([I32, I32, I32], []), 'quadOfSum')
  {
    const f = m.body(quad)
    const x = inLocals(f.localArray(LIMBS, I64))
    emitAddNoCarry(f, x, inMemory(1), inMemory(2))
    emitMontgomery(f, [{ a: x, b: x }], x)
    emitMontgomery(f, [{ a: x, b: x }], inMemory(0))
  }
  for (const n of [2, 3, 17]) {
    const dot = m.addFunction(new FunctionBuilder([I32, I32, I32], []), `dot${n}`)
    const terms: ProductTerm[] = Array.from({ length: n }, (_, j) => ({ a: inMemory(1, j * e), b: inMemory(2, j * e) }))
    emitMontgomery(m.body(dot), terms, inMemory(0))
  }
  const mulAdd = m.addFunction(new FunctionBuilder([I32, I32, I32, I32], []), 'mulAdd')
  emitMontgomery(m.body(mulAdd), [{ a: inMemory(1), b: inMemory(2) }], inMemory(0), inMemory(3))
  const reduce = m.addFunction(new FunctionBuilder([I32], []), 'reduceOnce')
  emitReduceOnce(m.body(reduce), inMemory(0))
  const fromWords = m.addFunction(new FunctionBuilder([I32, I32], []), 'fromWords')
  emitFromWords(m.body(fromWords), 1, 0, inMemory(0))
  const toWords = m.addFunction(new FunctionBuilder([I32, I32], []), 'toWords')
  emitToWords(m.body(toWords), inMemory(1), 0, 0)
  const { exports, memory } = instantiateWasm(m.toBytes())
  const x = exports as Record<string, (...args: number[]) => void>
  const u32 = new Uint32Array(memory.buffer)
  const u64 = new BigUint64Array(memory.buffer)
  const OUT = 1024
  const A = 4096
  const B = 8192
  const C = 12288
  const write = (address: number, values: readonly bigint[]): void =>
    values.forEach((v, j) => writeLimbs(u32, address + j * e, toLimbs(v)))
  const read = (address: number): number[] => readLimbs(u32, address)
  return {
    mul(a: bigint, b: bigint): number[] {
      write(A, [a])
      write(B, [b])
      x.mul!(OUT, A, B)
      return read(OUT)
    },
    sqr(a: bigint): number[] {
      write(A, [a])
      x.sqr!(OUT, A)
      return read(OUT)
    },
    quadOfSum(aLimbs: number[], b: bigint): number[] {
      writeLimbs(u32, A, aLimbs)
      write(B, [b])
      x.quadOfSum!(OUT, A, B)
      return read(OUT)
    },
    dot(a: readonly bigint[], b: readonly bigint[]): number[] {
      write(A, a)
      write(B, b)
      x[`dot${a.length}`]!(OUT, A, B)
      return read(OUT)
    },
    mulAdd(a: bigint, b: bigint, s: bigint): number[] {
      write(A, [a])
      write(B, [b])
      write(C, [s])
      x.mulAdd!(OUT, A, B, C)
      return read(OUT)
    },
    reduceOnce(a: bigint): bigint {
      write(OUT, [a])
      x.reduceOnce!(OUT)
      return fromLimbs(read(OUT))
    },
    fromWords(a: bigint): number[] {
      for (let j = 0; j < 4; j++) u64[A / 8 + j] = a >> BigInt(64 * j)
      x.fromWords!(OUT, A)
      return read(OUT)
    },
    toWords(a: bigint): bigint {
      write(A, [a])
      x.toWords!(OUT, A)
      return [0, 1, 2, 3].reduce((acc, j) => acc | (u64[OUT / 8 + j]! << BigInt(64 * j)), 0n)
    },
  }
}

const k = buildKernel()

/** Checks a reduction result: normalised limbs, value below T/R + p, congruent to T/R. */
function expectReduced(limbs: number[], t: bigint): bigint {
  for (let i = 0; i < LIMBS - 1; i++) expect(limbs[i]).toBeLessThan(2 ** LIMB_BITS)
  const value = fromLimbs(limbs)
  expect(value < t / MONTGOMERY_R + p + 1n).toBe(true)
  expect(mod(value)).toBe(mod(t * R_INV))
  return value
}

const EDGES = [0n, 1n, 2n, p - 1n, p, p + 1n, 2n * p - 1n, (1n << 254n) - 1n, (1n << 256n) - 1n, 1n << 261n, (1n << 262n) - 1n]
const RANDOM = [...randoms('mont-a', 40, 254).map((v) => mod(v)), ...randoms('mont-b', 20, 262)]

describe('Montgomery multiplication (28-bit limbs, R = 2^280)', () => {
  it('agrees with BigInt (a * b) % p through Montgomery form', () => {
    const values = [...EDGES.filter((v) => v < p), ...randoms('field', 60, 256).map((v) => mod(v))]
    for (const a of values) {
      for (const b of values.slice(0, 12)) {
        const out = fromLimbs(k.mul(toMontgomery(a), toMontgomery(b)))
        expect(fromMontgomery(out)).toBe((a * b) % p)
      }
    }
  })

  it('computes a * b / R with the documented bound for inputs up to 2^262', () => {
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

  it('squares in place in locals, with 29-bit limbs from an addition without carry', () => {
    const maxLimbs = Array<number>(LIMBS).fill(2 ** LIMB_BITS - 1)
    maxLimbs[LIMBS - 1] = 2 ** 9 // keep the sum below 2^262
    const cases: [number[], bigint][] = [
      [maxLimbs, (1n << 252n) - 1n],
      [toLimbs(p - 1n), p - 1n],
      ...randoms('quad', 20, 254).map((a, i): [number[], bigint] => [toLimbs(a), RANDOM[i]! % (1n << 254n)]),
    ]
    for (const [aLimbs, b] of cases) {
      const sum = fromLimbs(aLimbs) + b
      const x2 = mod(sum * sum * R_INV)
      expect(mod(fromLimbs(k.quadOfSum(aLimbs, b)))).toBe(mod(x2 * x2 * R_INV))
    }
  })

  it('reduces a sum of 2, 3 and 17 products once', () => {
    for (const n of [2, 3, 17]) {
      for (let trial = 0; trial < 10; trial++) {
        const a = randoms(`dot-a-${n}-${trial}`, n, 254).map((v) => mod(v))
        const b = trial === 0 ? Array<bigint>(n).fill((1n << 262n) - 1n) : randoms(`dot-b-${n}-${trial}`, n, 261)
        const t = a.reduce((acc, ai, j) => acc + ai * b[j]!, 0n)
        const y = expectReduced(k.dot(a, b), t)
        expect(y < p + (1n << 250n)).toBe(true)
      }
    }
  })

  it('adds a high part: (a * b + s * R) / R = a * b / R + s', () => {
    for (const [i, s] of [...EDGES.slice(0, 8), ...RANDOM].entries()) {
      const a = RANDOM[i % RANDOM.length]!
      const b = EDGES[i % EDGES.length]!
      const y = expectReduced(k.mulAdd(a, b, s), a * b + s * MONTGOMERY_R)
      expect(y < s + p + 1n).toBe(true)
    }
  })

  it('makes values below 2p canonical', () => {
    for (const a of [0n, 1n, p - 1n, p, p + 1n, 2n * p - 1n, ...RANDOM.map((r) => r % (2n * p))]) {
      expect(k.reduceOnce(a)).toBe(a % p)
    }
  })

  it('converts between u64 words and limbs', () => {
    for (const a of [0n, 1n, p - 1n, (1n << 256n) - 1n, ...randoms('words', 20, 256)]) {
      expect(fromLimbs(k.fromWords(a))).toBe(a)
      expect(k.toWords(a)).toBe(a)
    }
  })

  it('has consistent JS helpers', () => {
    for (const a of RANDOM.map((v) => mod(v))) {
      expect(fromLimbs(toLimbs(a))).toBe(a)
      expect(fromMontgomery(toMontgomery(a))).toBe(a)
    }
    expect(() => toLimbs(MONTGOMERY_R)).toThrow(RangeError)
  })
})
