/**
 * Generates, per state width, a WebAssembly module that runs the whole Poseidon permutation
 * (the optimised schedule of `poseidonOptimized.ts`) on BN254 Montgomery arithmetic from
 * `montgomery.ts`, and instantiates it synchronously on first use. JavaScript crosses into
 * WebAssembly once per hash: it writes the inputs as little-endian u64 words, calls `hash`,
 * and reads the result from the same words.
 *
 * The arithmetic is fully unrolled but lives in a handful of small functions (the S-box, a
 * dot product of a few terms, the permutation's loops and calls): the hot code must stay
 * within the instruction cache, which straight-line code for a whole round would not.
 *
 * Memory layout (bytes): the reductions' scratch at 0; input/output words at WORDS; the
 * state (t elements of ELEMENT_BYTES) at STATE; full-round S-box outputs at `scratch`; then
 * the constants (see {@link PoseidonLayout}), all in Montgomery form except R^2 and 1.
 */
import { FIELD_MODULUS, mod } from '../field/field.ts'
import {
  ELEMENT_BYTES,
  LIMBS,
  MONTGOMERY_R,
  emitAddNoCarry,
  emitFromWords,
  emitReduceOnce,
  emitToWords,
  inLocals,
  inMemory,
  toLimbs,
  toMontgomery,
  writeLimbs,
} from './limbs.ts'
import { MAX_PRODUCTS, MONTGOMERY_SCRATCH_BYTES, emitMontgomery, type ProductTerm } from './montgomery.ts'
import { optimizedPoseidonParams, type OptimizedPoseidonParams } from './poseidonOptimized.ts'
import { FunctionBuilder, I32, I64, WasmModuleBuilder, type Local } from './wasmEmitter.ts'
import { instantiateWasm, type WasmMemory } from './wasmInstance.ts'

const WORDS = 128 // 16 inputs of four u64 words, after the reductions' scratch bytes
const STATE = WORDS + 16 * 32
if (MONTGOMERY_SCRATCH_BYTES > WORDS) throw new Error('poseidonWasm.ts: scratch bytes overlap the words')

/** Where each constant of one width lives in the module's memory. */
export interface PoseidonLayout {
  readonly t: number
  readonly state: number
  /** t elements: the S-box outputs of a full round, and conversions. */
  readonly scratch: number
  /** The plain values 0, 1 and R^2 mod p. */
  readonly zero: number
  readonly one: number
  readonly r2: number
  /** Full round r's t constants at `fullConstants + r * t * ELEMENT_BYTES`. */
  readonly fullConstants: number
  readonly mds: number
  readonly preSparse: number
  /**
   * Partial round r's 2t elements at `partial + r * 2t * ELEMENT_BYTES`: the scalar constant,
   * the row w' (w with w'_0 = w_0 - sum_i w_i v_i, see {@link buildPoseidonWasm}), then v.
   */
  readonly partial: number
  readonly end: number
}

/**
 * The memory layout of the module for width `t` with `partialRounds` partial rounds.
 *
 * @example
 * ```ts
 * poseidonLayout(3, 57).state // 640
 * ```
 */
export function poseidonLayout(t: number, partialRounds: number, fullRounds = 8): PoseidonLayout {
  const e = ELEMENT_BYTES
  const scratch = STATE + t * e
  const zero = scratch + t * e
  const one = zero + e
  const r2 = one + e
  const fullConstants = r2 + e
  const mds = fullConstants + fullRounds * t * e
  const preSparse = mds + t * t * e
  const partial = preSparse + t * t * e
  const end = partial + partialRounds * 2 * t * e
  return { t, state: STATE, scratch, zero, one, r2, fullConstants, mds, preSparse, partial, end }
}

/**
 * How a dot product of `t` terms is split into chunks of consecutive terms, each reduced
 * once and chained (`out = chunk / R + previous`): one chunk up to MAX_PRODUCTS (6) terms,
 * else chunks of at most 4, so that the unrolled code of a chunk stays small.
 *
 * @example
 * ```ts
 * dotChunks(5) // [5]
 * dotChunks(17) // [4, 4, 3, 3, 3]
 * ```
 */
export function dotChunks(t: number): number[] {
  const count = t <= MAX_PRODUCTS ? 1 : Math.ceil(t / 4)
  const small = Math.floor(t / count)
  const big = t % count
  return Array.from({ length: count }, (_, i) => (i < big ? small + 1 : small))
}

/**
 * The WebAssembly module (bytes) that hashes with width `o.t`: exports `memory` and
 * `hash()`, which reads t - 1 inputs (canonical field elements as four u64 words each) from
 * address WORDS and writes the canonical result to the first four words. The constants are
 * not in the bytes: write them with {@link writePoseidonConstants} before the first call.
 *
 * Partial rounds update s_1..s_(t-1) before s_0, so that the S-box output can stay in s_0
 * and every dot product reads one contiguous vector: s_0 = w . (x, s_old) =
 * (w_0 - w . v) x + w . (x, s_new) for the rest of the row.
 *
 * @example
 * ```ts
 * const o = optimizedPoseidonParams(3)
 * const { exports, memory } = instantiateWasm(buildPoseidonWasm(o))
 * writePoseidonConstants(memory, o)
 * ```
 */
export function buildPoseidonWasm(o: OptimizedPoseidonParams): Uint8Array<ArrayBuffer> {
  const { t, fullRounds, partialRounds } = o
  const L = poseidonLayout(t, partialRounds, fullRounds)
  const e = ELEMENT_BYTES
  const m = new WasmModuleBuilder(Math.ceil(L.end / 65536))
  const hash = m.addFunction(new FunctionBuilder([], []), 'hash')
  const sbox = m.addFunction(new FunctionBuilder([I32, I32, I32], []))
  const dot = m.addFunction(new FunctionBuilder([I32, I32, I32], []))
  const fullRound = m.addFunction(new FunctionBuilder([I32, I32], []))
  const chunks = dotChunks(t)
  const sizes = [...new Set([1, ...chunks])]
  const dotChunk = new Map(sizes.map((n) => [n, m.addFunction(new FunctionBuilder([I32, I32, I32, I32], []))]))

  // sbox(s, c, out): out = (s + c)^5, in place allowed.
  {
    const f = m.body(sbox)
    const x = inLocals(f.localArray(LIMBS, I64))
    const x2 = inLocals(f.localArray(LIMBS, I64))
    emitAddNoCarry(f, x, inMemory(0), inMemory(1))
    emitMontgomery(f, [{ a: x, b: x }], x2)
    emitMontgomery(f, [{ a: x2, b: x2 }], x2)
    emitMontgomery(f, [{ a: x2, b: x }], inMemory(2))
  }
  // dotChunk_n(out, a, b, high): out = (a_0 b_0 + ... + a_(n-1) b_(n-1)) / R + high.
  for (const [n, index] of dotChunk) {
    const f = m.body(index)
    const terms: ProductTerm[] = Array.from({ length: n }, (_, j) => ({ a: inMemory(1, j * e), b: inMemory(2, j * e) }))
    emitMontgomery(f, terms, inMemory(0), inMemory(3))
  }
  // dot(out, a, b): out = (a . b) / R over t terms, chunk by chunk.
  {
    const f = m.body(dot)
    let at = 0
    chunks.forEach((n, i) => {
      f.localGet(0)
      f.localGet(1).i32Const(at * e).i32Add()
      f.localGet(2).i32Const(at * e).i32Add()
      if (i === 0) f.i32Const(L.zero)
      else f.localGet(0)
      f.call(dotChunk.get(n)!)
      at += n
    })
  }
  // fullRound(c, matrix): scratch_i = (state_i + c_i)^5, then state = matrix . scratch.
  {
    const f = m.body(fullRound)
    for (let i = 0; i < t; i++) {
      f.i32Const(L.state + i * e).localGet(0).i32Const(i * e).i32Add().i32Const(L.scratch + i * e).call(sbox)
    }
    for (let i = 0; i < t; i++) {
      f.i32Const(L.state + i * e).localGet(1).i32Const(i * t * e).i32Add().i32Const(L.scratch).call(dot)
    }
  }
  // hash(): inputs into Montgomery form, the rounds, the canonical result back to words.
  {
    const f = m.body(hash)
    const zero: Local = f.local(I32) // base of absolute addresses
    for (let i = 0; i < LIMBS; i++) f.i32Const(L.state).i64Const(0).i64Store(8 * i)
    for (let i = 1; i < t; i++) {
      emitFromWords(f, zero, WORDS + (i - 1) * 32, inMemory(zero, L.scratch))
      f.i32Const(L.state + i * e).i32Const(L.r2).i32Const(L.scratch).i32Const(L.zero).call(dotChunk.get(1)!)
    }
    const full = (r: number, matrix: number): void => {
      f.i32Const(L.fullConstants + r * t * e).i32Const(matrix).call(fullRound)
    }
    const half = fullRounds / 2
    for (let r = 0; r < half; r++) full(r, r === half - 1 ? L.preSparse : L.mds)
    // Partial rounds: a loop over the rounds' constant blocks.
    const c = f.local(I32)
    f.i32Const(L.partial).localSet(c)
    f.loop()
    f.i32Const(L.state).localGet(c).i32Const(L.state).call(sbox)
    for (let i = 1; i < t; i++) {
      f.i32Const(L.state + i * e)
      f.localGet(c).i32Const((t + i) * e).i32Add()
      f.i32Const(L.state)
      f.i32Const(L.state + i * e)
      f.call(dotChunk.get(1)!)
    }
    f.i32Const(L.state).localGet(c).i32Const(e).i32Add().i32Const(L.state).call(dot)
    f.localGet(c).i32Const(2 * t * e).i32Add().localTee(c)
    f.i32Const(L.partial + partialRounds * 2 * t * e).i32Sub().brIf(0)
    f.end()
    for (let r = half; r < fullRounds - 1; r++) full(r, L.mds)
    // Last round: only s_0 of the output is needed.
    const last = L.fullConstants + (fullRounds - 1) * t * e
    for (let i = 0; i < t; i++) f.i32Const(L.state + i * e).i32Const(last + i * e).i32Const(L.scratch + i * e).call(sbox)
    f.i32Const(L.state).i32Const(L.mds).i32Const(L.scratch).call(dot)
    // Out of Montgomery form (times plain 1), canonical, to words.
    f.i32Const(L.scratch).i32Const(L.one).i32Const(L.state).i32Const(L.zero).call(dotChunk.get(1)!)
    const y = inMemory(zero, L.scratch)
    emitReduceOnce(f, y)
    emitToWords(f, y, zero, WORDS)
  }
  return m.toBytes()
}

/**
 * An upper bound on every value the kernel of {@link buildPoseidonWasm} holds (state,
 * S-box intermediates, dot products), from the reduction bound `out < T/R + p + high` and
 * constants below p, following the kernel's schedule step by step. The kernel is correct
 * only if this stays below 2^(LIMB_BITS * LIMBS) = R, so that every value has normalised
 * limbs; the tests check it for every width. Reductions are never conditionally
 * subtracted, so values grow: a partial round adds up to about p to each of s_1..s_(t-1).
 *
 * @example
 * ```ts
 * kernelValueBound(optimizedPoseidonParams(17)) < MONTGOMERY_R // true: about 71p < 2^260
 * ```
 */
export function kernelValueBound(o: OptimizedPoseidonParams): bigint {
  const p = FIELD_MODULUS
  const R = MONTGOMERY_R
  let max = 0n
  const seen = (x: bigint): bigint => {
    if (x > max) max = x
    return x
  }
  const reduce = (t: bigint, high = 0n): bigint => seen(t / R + p + high)
  const sbox = (s: bigint): bigint => {
    const x = seen(s + p) // plus a constant below p
    const x2 = reduce(x * x)
    const x4 = reduce(x2 * x2)
    return reduce(x4 * x)
  }
  const dot = (values: readonly bigint[]): bigint => {
    let out = 0n
    let at = 0
    for (const n of dotChunks(values.length)) {
      out = reduce(values.slice(at, at + n).reduce((acc, v) => acc + p * v, 0n), out)
      at += n
    }
    return out
  }
  const { t } = o
  let state = [0n, ...Array<bigint>(t - 1).fill(reduce((p - 1n) * p))] // inputs times R^2 mod p
  const full = (): void => {
    const x = state.map(sbox)
    state = state.map(() => dot(x))
  }
  for (let r = 0; r < o.fullRounds / 2; r++) full()
  for (let r = 0; r < o.partialRounds; r++) {
    const x = sbox(state[0]!)
    const rest = state.slice(1).map((s) => reduce(p * x, s))
    state = [dot([x, ...rest]), ...rest]
  }
  for (let r = o.fullRounds / 2; r < o.fullRounds; r++) full()
  reduce(state[0]!) // out of Montgomery form
  return max
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
  const e = ELEMENT_BYTES
  const put = (address: number, plain: bigint): void => writeLimbs(u32, address, toLimbs(plain))
  const putMont = (address: number, x: bigint): void => put(address, toMontgomery(x))
  put(L.zero, 0n)
  put(L.one, 1n)
  put(L.r2, (MONTGOMERY_R * MONTGOMERY_R) % FIELD_MODULUS)
  o.fullConstants.forEach((row, r) => row.forEach((c, i) => putMont(L.fullConstants + (r * t + i) * e, c)))
  o.mds.forEach((row, i) => row.forEach((c, j) => putMont(L.mds + (i * t + j) * e, c)))
  o.preSparse.forEach((row, i) => row.forEach((c, j) => putMont(L.preSparse + (i * t + j) * e, c)))
  o.sparse.forEach(({ w, v }, r) => {
    const base = L.partial + r * 2 * t * e
    putMont(base, o.partialConstants[r]!)
    const w0 = mod(w[0]! - v.reduce((acc, vi, i) => acc + w[i + 1]! * vi, 0n))
    ;[w0, ...w.slice(1)].forEach((c, j) => putMont(base + (1 + j) * e, c))
    v.forEach((c, i) => putMont(base + (1 + t + i) * e, c))
  })
}

/** A ready Poseidon kernel for one width: write inputs into `words`, call `hash`, read `words[0..3]`. */
export interface PoseidonKernel {
  readonly t: number
  /** u64 view of the words: input i at words 4i..4i+3, the result at words 0..3. */
  readonly words: BigUint64Array
  readonly hash: () => void
}

const kernels: (PoseidonKernel | undefined)[] = []

/**
 * The kernel for width `t` (2..17): generated, compiled and instantiated synchronously at the
 * first call for that width (milliseconds, plus the parameter generation), then cached.
 *
 * @example
 * ```ts
 * const k = poseidonKernel(3)
 * k.words.fill(0n, 0, 8)
 * k.words[0] = 1n // input 0 = 1
 * k.words[4] = 2n // input 1 = 2
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
    k = { t, words: new BigUint64Array(memory.buffer, WORDS, 64), hash: exports['hash'] as () => void }
    kernels[t] = k
  }
  return k
}
