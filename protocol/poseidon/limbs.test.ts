import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FIELD_MODULUS, mod } from '../field/field.ts'
import {
  ELEMENT_BYTES,
  LIMBS,
  LIMB_BITS,
  MONTGOMERY_R,
  P_LIMBS,
  emitAddNoCarry,
  emitCopy,
  emitFromWords,
  emitReduceOnce,
  emitToWords,
  fromLimbs,
  fromMontgomery,
  inLocals,
  inMemory,
  readLimbs,
  toLimbs,
  toMontgomery,
  writeLimbs,
} from './limbs.ts'
import { FunctionBuilder, I32, I64, WasmModuleBuilder } from './wasmEmitter.ts'
import { instantiateWasm } from './wasmInstance.ts'

const p = FIELD_MODULUS

function randoms(seed: string, count: number, bits: number): bigint[] {
  return Array.from({ length: count }, (_, i) => {
    const h = createHash('sha512').update(`${seed}:${i}`).digest('hex')
    return BigInt(`0x${h}`) & ((1n << BigInt(bits)) - 1n)
  })
}

function buildKernel() {
  const m = new WasmModuleBuilder(1)
  const reduce = m.addFunction(new FunctionBuilder([I32], []), 'reduceOnce')
  emitReduceOnce(m.body(reduce), inMemory(0))
  const fromWords = m.addFunction(new FunctionBuilder([I32, I32], []), 'fromWords')
  emitFromWords(m.body(fromWords), 1, 0, inMemory(0))
  const toWords = m.addFunction(new FunctionBuilder([I32, I32], []), 'toWords')
  emitToWords(m.body(toWords), inMemory(1), 0, 0)
  const addCopy = m.addFunction(new FunctionBuilder([I32, I32, I32], []), 'addViaLocals')
  {
    const f = m.body(addCopy)
    const x = inLocals(f.localArray(LIMBS, I64))
    emitAddNoCarry(f, x, inMemory(1), inMemory(2))
    emitCopy(f, x, inMemory(0))
  }
  const { exports, memory } = instantiateWasm(m.toBytes())
  const x = exports as Record<string, (...args: number[]) => void>
  const u32 = new Uint32Array(memory.buffer)
  const u64 = new BigUint64Array(memory.buffer)
  const [OUT, A, B] = [1024, 2048, 4096]
  const words = (address: number): bigint => [0, 1, 2, 3].reduce((acc, j) => acc | (u64[address / 8 + j]! << BigInt(64 * j)), 0n)
  return {
    reduceOnce(a: bigint): bigint {
      writeLimbs(u32, OUT, toLimbs(a))
      x.reduceOnce!(OUT)
      return fromLimbs(readLimbs(u32, OUT))
    },
    fromWords(a: bigint): number[] {
      for (let j = 0; j < 4; j++) u64[A / 8 + j] = a >> BigInt(64 * j)
      x.fromWords!(OUT, A)
      return readLimbs(u32, OUT)
    },
    toWords(a: bigint): bigint {
      writeLimbs(u32, A, toLimbs(a))
      x.toWords!(OUT, A)
      return words(OUT)
    },
    addViaLocals(a: bigint, b: bigint): number[] {
      writeLimbs(u32, A, toLimbs(a))
      writeLimbs(u32, B, toLimbs(b))
      x.addViaLocals!(OUT, A, B)
      return readLimbs(u32, OUT)
    },
  }
}

const k = buildKernel()
const RANDOM = randoms('limbs', 30, LIMB_BITS * LIMBS)

describe('limb representation', () => {
  it('round-trips through limbs and Montgomery form in JS', () => {
    for (const a of RANDOM) {
      const limbs = toLimbs(a)
      expect(limbs).toHaveLength(LIMBS)
      expect(limbs.every((l) => l >= 0 && l < 2 ** LIMB_BITS)).toBe(true)
      expect(fromLimbs(limbs)).toBe(a)
      expect(fromMontgomery(toMontgomery(mod(a)))).toBe(mod(a))
    }
    expect(fromLimbs(P_LIMBS)).toBe(p)
    expect(ELEMENT_BYTES).toBe(8 * LIMBS)
    expect(() => toLimbs(MONTGOMERY_R)).toThrow(RangeError)
    expect(() => toLimbs(-1n)).toThrow(RangeError)
  })

  it('makes values below 2p canonical in WebAssembly', () => {
    for (const a of [0n, 1n, p - 1n, p, p + 1n, 2n * p - 1n, ...RANDOM.map((r) => r % (2n * p))]) {
      expect(k.reduceOnce(a)).toBe(a % p)
    }
  })

  it('converts between u64 words and limbs in WebAssembly', () => {
    for (const a of [0n, 1n, p - 1n, (1n << 256n) - 1n, ...randoms('words', 20, 256)]) {
      expect(fromLimbs(k.fromWords(a))).toBe(a)
      expect(k.toWords(a)).toBe(a)
    }
  })

  it('adds limb-wise without carrying, through locals', () => {
    for (const [i, a] of RANDOM.entries()) {
      const b = RANDOM[(i + 1) % RANDOM.length]!
      const limbs = k.addViaLocals(a, b)
      expect(limbs).toEqual(toLimbs(a).map((l, j) => l + toLimbs(b)[j]!))
      expect(fromLimbs(limbs)).toBe(a + b)
    }
  })
})
