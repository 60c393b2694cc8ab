/**
 * Code generation for BN254 scalar-field Montgomery arithmetic in WebAssembly.
 *
 * Representation: 10 limbs of 28 bits (280 bits), each held in an i64 local or stored as a
 * u32 in linear memory (40 bytes per element), with Montgomery radix R = 2^280. Because
 * p = 1 (mod 2^28), the Montgomery quotient digit of each column is just `-column mod 2^28`
 * (no multiplication) and p's lowest limb is 1.
 *
 * Products are computed by product scanning: column k collects every limb product a_i*b_j
 * with i + j = k and every reduction term q_i*p_(k-i), plus the carry of column k-1; the
 * product and the reduction share one pass. 28-bit limbs give 56-bit products, so a column
 * can absorb 180 of them in 64 bits without carrying: a sum of up to 17 products (a dot
 * product) is reduced once, not once per term ("lazy reduction").
 *
 * Bounds, with R = 2^280 and p < 2^254: the result of reducing T is < T/R + p. Every value
 * the Poseidon kernel feeds in is below 2^262, so every product result is below p + 2^245,
 * and results are never conditionally subtracted; only the final hash is made canonical.
 */
import { FIELD_MODULUS, mod } from '../field/field.ts'
import { I32, I64, type FunctionBuilder, type Local } from './wasmEmitter.ts'

/** Bits per limb. */
export const LIMB_BITS = 28
/** Limbs per field element. */
export const LIMBS = 10
/** Bytes per field element in linear memory (each limb a little-endian u64). */
export const ELEMENT_BYTES = LIMBS * 8
/**
 * Linear-memory bytes `[0, 88)` that every generated reduction uses for its quotient digits:
 * a module using {@link emitMontgomery} must keep them free.
 */
export const MONTGOMERY_SCRATCH_BYTES = (LIMBS + 1) * 8
/** The Montgomery radix R = 2^280. */
export const MONTGOMERY_R = 1n << BigInt(LIMB_BITS * LIMBS)

const MASK = (1n << BigInt(LIMB_BITS)) - 1n
const P_LIMBS = toLimbs(FIELD_MODULUS)
if (FIELD_MODULUS % (MASK + 1n) !== 1n) throw new Error('montgomery.ts assumes p = 1 (mod 2^28)')

/**
 * The 28-bit limbs of a non-negative integer below 2^280, least significant first.
 *
 * @example
 * ```ts
 * toLimbs((5n << 28n) | 3n) // [3, 5, 0, 0, 0, 0, 0, 0, 0, 0]
 * ```
 */
export function toLimbs(x: bigint): number[] {
  if (x < 0n || x >= MONTGOMERY_R) throw new RangeError(`${x} does not fit in ${LIMBS} limbs`)
  return Array.from({ length: LIMBS }, (_, i) => Number((x >> BigInt(LIMB_BITS * i)) & MASK))
}

/**
 * The integer of limbs (which may exceed 28 bits: they are weighted by 2^(28 i)).
 *
 * @example
 * ```ts
 * fromLimbs(toLimbs(123n)) // 123n
 * ```
 */
export function fromLimbs(limbs: ArrayLike<number | bigint>): bigint {
  let x = 0n
  for (let i = limbs.length - 1; i >= 0; i--) x = (x << BigInt(LIMB_BITS)) + BigInt(limbs[i]!)
  return x
}

/**
 * The Montgomery form `x * R mod p` of a field element.
 *
 * @example
 * ```ts
 * fromMontgomery(toMontgomery(7n)) // 7n
 * ```
 */
export function toMontgomery(x: bigint): bigint {
  return mod(x * MONTGOMERY_R)
}

/**
 * The field element `x * R^-1 mod p` that a Montgomery form `x` stands for.
 *
 * @example
 * ```ts
 * fromMontgomery(MONTGOMERY_R % FIELD_MODULUS) // 1n
 * ```
 */
export function fromMontgomery(x: bigint): bigint {
  return mod(x * R_INVERSE)
}
const R_INVERSE = modInverse(MONTGOMERY_R % FIELD_MODULUS)
function modInverse(a: bigint): bigint {
  // Fermat: a^(p-2).
  let result = 1n
  let base = a
  for (let e = FIELD_MODULUS - 2n; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) % FIELD_MODULUS
    base = (base * base) % FIELD_MODULUS
  }
  return result
}

/**
 * Writes limbs (each below 2^32) as u64s at byte `address` of a memory seen as u32s.
 *
 * @example
 * ```ts
 * writeLimbs(new Uint32Array(memory.buffer), 1024, toLimbs(toMontgomery(5n)))
 * ```
 */
export function writeLimbs(u32: Uint32Array, address: number, limbs: readonly number[]): void {
  for (let i = 0; i < limbs.length; i++) {
    u32[address / 4 + 2 * i] = limbs[i]!
    u32[address / 4 + 2 * i + 1] = 0
  }
}

/**
 * Reads the 10 u64 limbs at byte `address` (each must be below 2^32).
 *
 * @example
 * ```ts
 * fromLimbs(readLimbs(new Uint32Array(memory.buffer), 1024))
 * ```
 */
export function readLimbs(u32: Uint32Array, address: number): number[] {
  return Array.from({ length: LIMBS }, (_, i) => {
    if (u32[address / 4 + 2 * i + 1] !== 0) throw new RangeError(`limb ${i} at ${address} exceeds 32 bits`)
    return u32[address / 4 + 2 * i]!
  })
}

/**
 * Where the 10 limbs of an operand live: in i64 locals, or as u64s in linear memory at
 * `offset` bytes past the i32 address held in local `base`.
 */
export type LimbRef = { readonly locals: readonly Local[] } | { readonly base: Local; readonly offset: number }

/**
 * A limb reference to i64 locals.
 *
 * @example
 * ```ts
 * const x = inLocals(f.localArray(LIMBS, I64))
 * ```
 */
export function inLocals(locals: readonly Local[]): LimbRef {
  if (locals.length !== LIMBS) throw new RangeError(`expected ${LIMBS} locals`)
  return { locals }
}

/**
 * A limb reference to the element at `base + offset` in linear memory.
 *
 * @example
 * ```ts
 * const secondElement = inMemory(ptr, ELEMENT_BYTES)
 * ```
 */
export function inMemory(base: Local, offset = 0): LimbRef {
  return { base, offset }
}

/**
 * Pushes limb `i` of `ref` (as i64) onto the stack.
 *
 * @example
 * ```ts
 * pushLimb(f, inMemory(ptr), 3) // i64.load offset=24
 * ```
 */
export function pushLimb(f: FunctionBuilder, ref: LimbRef, i: number): void {
  if ('locals' in ref) f.localGet(ref.locals[i]!)
  else f.localGet(ref.base).i64Load(ref.offset + 8 * i)
}

/**
 * Stores limb `i` of `ref` from the value that `value` pushes.
 *
 * @example
 * ```ts
 * storeLimb(f, inMemory(out), 0, () => f.i64Const(1))
 * ```
 */
export function storeLimb(f: FunctionBuilder, ref: LimbRef, i: number, value: () => void): void {
  if ('locals' in ref) {
    value()
    f.localSet(ref.locals[i]!)
  } else {
    f.localGet(ref.base)
    value()
    f.i64Store(ref.offset + 8 * i)
  }
}

/**
 * Copies an element limb by limb (e.g. memory into locals).
 *
 * @example
 * ```ts
 * emitCopy(f, inMemory(ptr), x) // load the element at ptr into the locals of x
 * ```
 */
export function emitCopy(f: FunctionBuilder, from: LimbRef, to: LimbRef): void {
  for (let i = 0; i < LIMBS; i++) storeLimb(f, to, i, () => pushLimb(f, from, i))
}

/**
 * Limb-wise sum without carrying: fine as a product input (limbs up to 29 bits are within
 * the column bounds), not as the input of another addition.
 *
 * @example
 * ```ts
 * emitAddNoCarry(f, x, inMemory(state), inMemory(constants)) // x = state + constant
 * ```
 */
export function emitAddNoCarry(f: FunctionBuilder, out: LimbRef, a: LimbRef, b: LimbRef): void {
  for (let i = 0; i < LIMBS; i++) {
    storeLimb(f, out, i, () => {
      pushLimb(f, a, i)
      pushLimb(f, b, i)
      f.i64Add()
    })
  }
}

/** One product of a Montgomery sum: `a * b`, squared with half the limb products if `a === b`. */
export interface ProductTerm {
  readonly a: LimbRef
  readonly b: LimbRef
}

const HALF = LIMBS / 2

/** One product term of a reduction, split in halves of 5 limbs for Karatsuba. */
class KaratsubaTerm {
  private readonly f: FunctionBuilder
  private readonly a: LimbRef
  private readonly b: LimbRef
  private readonly square: boolean
  /** Locals holding a_i + a_(i+5) and b_i + b_(i+5), computed at first use. */
  private readonly sumA: (Local | undefined)[] = []
  private readonly sumB: (Local | undefined)[] = []

  constructor(f: FunctionBuilder, { a, b }: ProductTerm) {
    this.f = f
    this.a = a
    this.b = b
    this.square = a === b
  }

  private sum(which: 'a' | 'b', i: number): Local {
    const cache = which === 'a' || this.square ? this.sumA : this.sumB
    const ref = which === 'a' || this.square ? this.a : this.b
    let local = cache[i]
    if (local === undefined) {
      local = this.f.local(I64)
      pushLimb(this.f, ref, i)
      pushLimb(this.f, ref, i + HALF)
      this.f.i64Add().localSet(local)
      cache[i] = local
    }
    return local
  }

  private push(which: 'a' | 'b', half: 'low' | 'high' | 'middle', i: number): void {
    if (half === 'middle') this.f.localGet(this.sum(which, i))
    else pushLimb(this.f, which === 'a' || this.square ? this.a : this.b, half === 'high' ? i + HALF : i)
  }

  /**
   * Pushes column c (0..8) of the half-product (low: aL*bL, high: aH*bH, middle:
   * (aL + aH)(bL + bH)) and returns true, or pushes nothing and returns false.
   */
  emitHalfColumn(half: 'low' | 'high' | 'middle', c: number): boolean {
    const f = this.f
    let pushed = 0
    const add = (): void => {
      if (pushed++ > 0) f.i64Add()
    }
    if (this.square) {
      for (let i = Math.max(0, c - HALF + 1); 2 * i < c; i++) {
        this.push('a', half, i)
        this.push('a', half, c - i)
        f.i64Const(1).i64Shl().i64Mul()
        add()
      }
      if (c % 2 === 0 && c / 2 < HALF) {
        this.push('a', half, c / 2)
        this.push('a', half, c / 2)
        f.i64Mul()
        add()
      }
    } else {
      for (let i = Math.max(0, c - HALF + 1); i <= Math.min(c, HALF - 1); i++) {
        this.push('a', half, i)
        this.push('b', half, c - i)
        f.i64Mul()
        add()
      }
    }
    return pushed > 0
  }
}

/**
 * Emits `out = (sum_k a_k * b_k + high * R) * R^-1 mod p` (congruence; `out` is below
 * `T / R + p` where T is the sum) with normalised 28-bit limbs (the top limb holds the
 * rest). One Montgomery reduction for the whole sum. Inputs must have limbs below 2^29 and
 * the sum at most 17 products; `high`, if given, must have limbs below 2^28. `out` may be
 * one of the inputs (limb i of the output is written after the last read of input limb i).
 *
 * @example
 * ```ts
 * emitMontgomery(f, [{ a: x, b: x }], x2)                    // x2 = x^2 / R
 * emitMontgomery(f, [{ a: w0, b: s0 }, { a: w1, b: s1 }], y) // y = (w0 s0 + w1 s1) / R
 * emitMontgomery(f, [{ a: v, b: x }], y, s)                  // y = v x / R + s
 * ```
 */
export function emitMontgomery(f: FunctionBuilder, products: readonly ProductTerm[], out: LimbRef, high?: LimbRef): void {
  if (products.length < 1 || products.length > 17) throw new RangeError('1 to 17 products per reduction')
  // The quotient digits go to the scratch bytes and are read back as memory operands of the
  // multiplications by p's limbs: it frees registers, and the stores keep the optimising
  // compiler from hoisting every load of the function to its top (and spilling them).
  const zero = f.local(I32)
  const q = f.local(I64)
  const column = f.local(I64)
  const carry = f.local(I64)
  const mask = Number(MASK)
  const products_ = products.map((term) => new KaratsubaTerm(f, term))
  // Column sums of the low, high and middle half-products, summed over the terms. The low
  // and high ones are needed twice (columns c and c + 5, c + 10 and c + 15).
  const low = f.localArray(HALF * 2 - 1, I64)
  const highHalf = f.localArray(HALF * 2 - 1, I64)
  for (let k = 0; k < 2 * LIMBS; k++) {
    let terms = 0
    const add = (): void => {
      if (terms++ > 0) f.i64Add()
    }
    // Karatsuba per column: column k of a*b is L_k + H_(k-10) + M_(k-5) - L_(k-5) - H_(k-5)
    // where L, H, M are the columns of aL*bL, aH*bH and (aL + aH)(bL + bH) (halves of 5
    // limbs). The identity holds column by column (no carries), so wrap-around mod 2^64 in
    // between is harmless: the final column is the schoolbook one, below 2^64.
    const halfSum = (half: 'low' | 'high' | 'middle', c: number): void => {
      let pushed = 0
      for (const term of products_) if (term.emitHalfColumn(half, c) && pushed++ > 0) f.i64Add()
    }
    if (k < 2 * HALF - 1) {
      halfSum('low', k)
      f.localTee(low[k]!)
      add()
    }
    const c = k - HALF
    if (c >= 0 && c < 2 * HALF - 1) {
      halfSum('high', c)
      f.localSet(highHalf[c]!)
      halfSum('middle', c)
      add()
      f.localGet(low[c]!).i64Sub()
      f.localGet(highHalf[c]!).i64Sub()
    }
    if (k - LIMBS >= 0 && k - LIMBS < 2 * HALF - 1) {
      f.localGet(highHalf[k - LIMBS]!)
      add()
    }
    if (high && k >= LIMBS) {
      pushLimb(f, high, k - LIMBS)
      add()
    }
    // Reduction terms q_i * p_(k-i); the newest digit (still in a local, on the critical
    // path) last.
    for (let i = Math.max(0, k - LIMBS + 1); i <= Math.min(k - 1, LIMBS - 1); i++) {
      const pj = P_LIMBS[k - i]!
      if (pj === 0) continue
      if (i === k - 1) f.localGet(q)
      else f.localGet(zero).i64Load(8 * i)
      if (pj !== 1) f.i64Const(pj).i64Mul()
      add()
    }
    if (k > 0) {
      f.localGet(carry)
      add()
    }
    if (terms === 0) f.i64Const(0)
    f.localSet(column)
    if (k < LIMBS) {
      // q_k = -column mod 2^28 makes the column divisible by 2^28 (p_0 = 1), and the carry
      // out is (column + q_k) >> 28 = (column + 2^28 - 1) >> 28.
      f.i64Const(0).localGet(column).i64Sub().i64Const(mask).i64And().localSet(q)
      f.localGet(zero).localGet(q).i64Store(8 * k)
      f.localGet(column).i64Const(mask).i64Add().i64Const(LIMB_BITS).i64ShrU().localSet(carry)
    } else {
      const last = k === 2 * LIMBS - 1
      storeLimb(f, out, k - LIMBS, () => (last ? f.localGet(column) : f.localGet(column).i64Const(mask).i64And()))
      if ('locals' in out) f.localGet(zero).localGet(column).i64Store(8 * LIMBS)
      if (!last) f.localGet(column).i64Const(LIMB_BITS).i64ShrU().localSet(carry)
    }
  }
}

/**
 * Makes a normalised value below 2p canonical: subtracts p when it is at least p.
 *
 * @example
 * ```ts
 * emitReduceOnce(f, y) // y in [0, 2p) becomes y mod p
 * ```
 */
export function emitReduceOnce(f: FunctionBuilder, x: LimbRef): void {
  const d = f.localArray(LIMBS, I64)
  const borrow = f.local(I64)
  for (let i = 0; i < LIMBS; i++) {
    pushLimb(f, x, i)
    f.i64Const(P_LIMBS[i]!).i64Sub()
    if (i > 0) f.localGet(borrow).i64Add()
    f.localSet(d[i]!)
    if (i < LIMBS - 1) {
      f.localGet(d[i]!).i64Const(LIMB_BITS).i64ShrS().localSet(borrow)
      f.localGet(d[i]!).i64Const(Number(MASK)).i64And().localSet(d[i]!)
    }
  }
  // d = x - p is non-negative exactly when its top limb is.
  const keep = f.local(I32)
  f.localGet(d[LIMBS - 1]!).i64Const(0).i64LtS().localSet(keep)
  for (let i = 0; i < LIMBS; i++) {
    storeLimb(f, x, i, () => {
      pushLimb(f, x, i)
      f.localGet(d[i]!)
      f.localGet(keep)
      f.select()
    })
  }
}

/**
 * Loads a 256-bit integer stored as four little-endian u64 words at `base + offset` into
 * 28-bit limbs.
 *
 * @example
 * ```ts
 * emitFromWords(f, io, 0, x) // x = the integer JS wrote into BigUint64Array words 0..3
 * ```
 */
export function emitFromWords(f: FunctionBuilder, base: Local, offset: number, out: LimbRef): void {
  for (let i = 0; i < LIMBS; i++) {
    const bit = LIMB_BITS * i
    const word = Math.floor(bit / 64)
    const shift = bit % 64
    storeLimb(f, out, i, () => {
      f.localGet(base).i64Load(offset + 8 * word)
      if (shift > 0) f.i64Const(shift).i64ShrU()
      if (shift + LIMB_BITS > 64 && word < 3) {
        f.localGet(base).i64Load(offset + 8 * (word + 1))
        f.i64Const(64 - shift).i64Shl().i64Or()
      }
      f.i64Const(Number(MASK)).i64And()
    })
  }
}

/**
 * Stores normalised limbs of a value below 2^256 as four little-endian u64 words at
 * `base + offset`.
 *
 * @example
 * ```ts
 * emitToWords(f, y, io, 0) // JS reads the result from BigUint64Array words 0..3
 * ```
 */
export function emitToWords(f: FunctionBuilder, x: LimbRef, base: Local, offset: number): void {
  for (let word = 0; word < 4; word++) {
    f.localGet(base)
    let first = true
    for (let i = 0; i < LIMBS; i++) {
      const bit = LIMB_BITS * i - 64 * word // position of limb i within this word
      if (bit <= -LIMB_BITS || bit >= 64) continue
      pushLimb(f, x, i)
      if (bit > 0) f.i64Const(bit).i64Shl()
      else if (bit < 0) f.i64Const(-bit).i64ShrU()
      if (!first) f.i64Or()
      first = false
    }
    f.i64Store(offset + 8 * word)
  }
}
