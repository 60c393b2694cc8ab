/**
 * Generates, per state width, a WebAssembly module that runs the whole Poseidon permutation
 * (the optimised schedule of `poseidonOptimized.ts`) on BN254 Montgomery arithmetic from
 * `montgomery.ts`, and instantiates it synchronously on first use. JavaScript crosses into
 * WebAssembly once per hash: it writes the inputs as little-endian u64 words, calls `hash`,
 * and reads the result from the same words.
 *
 * Memory layout (bytes): inputs/output words at 0; the state (t elements of 40 bytes) at
 * STATE; the S-box outputs of a full round at SCRATCH; then the constants, all in Montgomery
 * form except R^2 (the plain value whose product converts an input into Montgomery form).
 */
import { FIELD_MODULUS } from '../field/field.ts'
import {
  ELEMENT_BYTES,
  LIMBS,
  MONTGOMERY_R,
  emitAddNoCarry,
  emitFromWords,
  emitMontgomery,
  emitReduceOnce,
  emitToWords,
  inLocals,
  inMemory,
  toLimbs,
  toMontgomery,
  type LimbRef,
} from './montgomery.ts'
import { optimizedPoseidonParams, type OptimizedPoseidonParams } from './poseidonOptimized.ts'
import { FunctionBuilder, I32, I64, WasmModuleBuilder } from './wasmEmitter.ts'
import { instantiateWasm, type WasmMemory } from './wasmInstance.ts'

const WORDS_BYTES = 16 * 32
const STATE = WORDS_BYTES

/** Where each constant of one width lives in the module's memory, and the bytes they need. */
export interface PoseidonLayout {
  readonly t: number
  readonly state: number
  readonly scratch: number
  /** R^2 mod p (plain), then the element 1 (plain). */
  readonly r2: number
  readonly one: number
  /** Full round r's t constants at `fullConstants + r * t * ELEMENT_BYTES`. */
  readonly fullConstants: number
  readonly mds: number
  readonly preSparse: number
  /** Partial round r's [c, w_0..w_(t-1), v_0..v_(t-2)] at `partial + r * 2t * ELEMENT_BYTES`. */
  readonly partial: number
  readonly end: number
}

/**
 * The memory layout of the module for width `t` with `partialRounds` partial rounds.
 *
 * @example
 * ```ts
 * poseidonLayout(3, 57).state // 512
 * ```
 */
export function poseidonLayout(t: number, partialRounds: number, fullRounds = 8): PoseidonLayout {
  const e = ELEMENT_BYTES
  const scratch = STATE + t * e
  const r2 = scratch + t * e
  const one = r2 + e
  const fullConstants = one + e
  const mds = fullConstants + fullRounds * t * e
  const preSparse = mds + t * t * e
  const partial = preSparse + t * t * e
  const end = partial + partialRounds * 2 * t * e
  return { t, state: STATE, scratch, r2, one, fullConstants, mds, preSparse, partial, end }
}

/**
 * The WebAssembly module (bytes) that hashes with width `o.t`: exports `memory` and
 * `hash()`, which reads t - 1 inputs (canonical field elements as four u64 words each) from
 * address 0 and writes the canonical result in words 0..3. The constants are not in the
 * bytes: write them with {@link writePoseidonConstants} before the first call.
 *
 * @example
 * ```ts
 * const bytes = buildPoseidonWasm(optimizedPoseidonParams(3))
 * const { exports, memory } = instantiateWasm(bytes)
 * ```
 */
export function buildPoseidonWasm(o: OptimizedPoseidonParams): Uint8Array<ArrayBuffer> {
  const { t, fullRounds, partialRounds } = o
  const L = poseidonLayout(t, partialRounds, fullRounds)
  const e = ELEMENT_BYTES
  const m = new WasmModuleBuilder(Math.ceil(L.end / 65536))
  const hash = m.addFunction(new FunctionBuilder([], []), 'hash')
  const sbox = m.addFunction(new FunctionBuilder([I32, I32, I32], []))
  const dotScratch = m.addFunction(new FunctionBuilder([I32, I32], []))
  const fullRound = m.addFunction(new FunctionBuilder([I32, I32], []))
  const partialRound = m.addFunction(new FunctionBuilder([I32], []))

  // sbox(s, c, out): out = (s + c)^5.
  {
    const f = m.body(sbox)
    const x = inLocals(f.localArray(LIMBS, I64))
    const x2 = inLocals(f.localArray(LIMBS, I64))
    emitAddNoCarry(f, x, inMemory(0), inMemory(1))
    emitMontgomery(f, [{ a: x, b: x }], x2)
    emitMontgomery(f, [{ a: x2, b: x2 }], x2)
    emitMontgomery(f, [{ a: x2, b: x }], inMemory(2))
  }
  // dotScratch(out, row): out = row . scratch (t products, one reduction).
  {
    const f = m.body(dotScratch)
    const base = f.local(I32)
    f.i32Const(L.scratch).localSet(base)
    const terms = Array.from({ length: t }, (_, j) => ({ a: inMemory(1, j * e), b: inMemory(base, j * e) }))
    emitMontgomery(f, terms, inMemory(0))
  }
  // fullRound(c, matrix): scratch_i = (state_i + c_i)^5, then state = matrix . scratch.
  {
    const f = m.body(fullRound)
    for (let i = 0; i < t; i++) {
      f.i32Const(L.state + i * e).localGet(0).i32Const(i * e).i32Add().i32Const(L.scratch + i * e).call(sbox)
    }
    for (let i = 0; i < t; i++) f.i32Const(L.state + i * e).localGet(1).i32Const(i * t * e).i32Add().call(dotScratch)
  }
  // partialRound(c): x = (state_0 + c)^5; state_0 = w . (x, state_1..); state_i += v_i x.
  {
    const f = m.body(partialRound)
    const c = 0 // parameter: address of this round's [c, w, v]
    const state = f.local(I32)
    f.i32Const(L.state).localSet(state)
    const x = inLocals(f.localArray(LIMBS, I64))
    const x2 = inLocals(f.localArray(LIMBS, I64))
    emitAddNoCarry(f, x, inMemory(state), inMemory(c))
    emitMontgomery(f, [{ a: x, b: x }], x2)
    emitMontgomery(f, [{ a: x2, b: x2 }], x2)
    emitMontgomery(f, [{ a: x2, b: x }], x2)
    const x5 = x2
    const w = (j: number): LimbRef => inMemory(c, (1 + j) * e)
    const v = (i: number): LimbRef => inMemory(c, (t + i) * e)
    const terms = [{ a: w(0), b: x5 }]
    for (let j = 1; j < t; j++) terms.push({ a: w(j), b: inMemory(state, j * e) })
    emitMontgomery(f, terms, inMemory(state))
    for (let i = 1; i < t; i++) emitMontgomery(f, [{ a: v(i), b: x5 }], inMemory(state, i * e), inMemory(state, i * e))
  }
  // hash(): inputs to Montgomery form, the rounds, the canonical result back to words.
  {
    const f = m.body(hash)
    const zero = f.local(I32) // address 0 (the words) and the base of absolute addresses
    const x = inLocals(f.localArray(LIMBS, I64))
    for (let i = 0; i < LIMBS; i++) f.i32Const(L.state).i64Const(0).i64Store32(4 * i)
    for (let i = 1; i < t; i++) {
      emitFromWords(f, zero, (i - 1) * 32, x)
      emitMontgomery(f, [{ a: x, b: inMemory(zero, L.r2) }], inMemory(zero, L.state + i * e))
    }
    const full = (r: number, matrix: number): void => {
      f.i32Const(L.fullConstants + r * t * e).i32Const(matrix).call(fullRound)
    }
    const half = fullRounds / 2
    for (let r = 0; r < half; r++) full(r, r === half - 1 ? L.preSparse : L.mds)
    for (let r = 0; r < partialRounds; r++) f.i32Const(L.partial + r * 2 * t * e).call(partialRound)
    for (let r = half; r < fullRounds - 1; r++) full(r, L.mds)
    // Last round: only s_0 of the output is needed.
    const last = L.fullConstants + (fullRounds - 1) * t * e
    for (let i = 0; i < t; i++) f.i32Const(L.state + i * e).i32Const(last + i * e).i32Const(L.scratch + i * e).call(sbox)
    f.i32Const(L.state).i32Const(L.mds).call(dotScratch)
    emitMontgomery(f, [{ a: inMemory(zero, L.state), b: inMemory(zero, L.one) }], x)
    emitReduceOnce(f, x)
    emitToWords(f, x, zero, 0)
  }
  return m.toBytes()
}

/**
 * Writes the constants of `o` into the memory of an instance of {@link buildPoseidonWasm}.
 *
 * @example
 * ```ts
 * writePoseidonConstants(instantiateWasm(buildPoseidonWasm(o)).memory, o)
 * ```
 */
export function writePoseidonConstants(memory: WasmMemory, o: OptimizedPoseidonParams): void {
  const { t } = o
  const L = poseidonLayout(t, o.partialRounds, o.fullRounds)
  const u32 = new Uint32Array(memory.buffer)
  const put = (address: number, plain: bigint): void => u32.set(toLimbs(plain), address / 4)
  const putMont = (address: number, x: bigint): void => put(address, toMontgomery(x))
  const e = ELEMENT_BYTES
  put(L.r2, (MONTGOMERY_R * MONTGOMERY_R) % FIELD_MODULUS)
  put(L.one, 1n)
  o.fullConstants.forEach((row, r) => row.forEach((c, i) => putMont(L.fullConstants + (r * t + i) * e, c)))
  o.mds.forEach((row, i) => row.forEach((c, j) => putMont(L.mds + (i * t + j) * e, c)))
  o.preSparse.forEach((row, i) => row.forEach((c, j) => putMont(L.preSparse + (i * t + j) * e, c)))
  o.sparse.forEach(({ w, v }, r) => {
    const base = L.partial + r * 2 * t * e
    putMont(base, o.partialConstants[r]!)
    w.forEach((c, j) => putMont(base + (1 + j) * e, c))
    v.forEach((c, i) => putMont(base + (1 + t + i) * e, c))
  })
}

/** A ready Poseidon kernel for one width: write inputs into `words`, call `hash`, read `words[0..3]`. */
export interface PoseidonKernel {
  readonly t: number
  /** u64 view of memory: input i at words 4i..4i+3, the result at words 0..3. */
  readonly words: BigUint64Array
  readonly hash: () => void
}

const kernels: (PoseidonKernel | undefined)[] = []

/**
 * The kernel for width `t` (2..17): generated, compiled and instantiated synchronously at the
 * first call for that width (tens of milliseconds plus the parameter generation), then
 * cached.
 *
 * @example
 * ```ts
 * const k = poseidonKernel(3)
 * k.words[0] = 1n; k.words[1] = k.words[2] = k.words[3] = 0n // input 0 = 1
 * k.words[4] = 2n; k.words[5] = k.words[6] = k.words[7] = 0n // input 1 = 2
 * k.hash()
 * k.words[0] // low 64 bits of poseidon([1n, 2n])
 * ```
 */
export function poseidonKernel(t: number): PoseidonKernel {
  let k = kernels[t]
  if (!k) {
    const o = optimizedPoseidonParams(t)
    const { exports, memory } = instantiateWasm(buildPoseidonWasm(o))
    writePoseidonConstants(memory, o)
    k = { t, words: new BigUint64Array(memory.buffer, 0, 64), hash: exports['hash'] as () => void }
    kernels[t] = k
  }
  return k
}
