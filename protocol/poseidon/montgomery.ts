/**
 * Code generation for BN254 scalar-field Montgomery multiplication in WebAssembly, on the
 * limb representation of `limbs.ts` (9 limbs of 29 bits, R = 2^261).
 *
 * One generated reduction computes `(a_1 b_1 + ... + a_n b_n + high * R) / R mod p`: the
 * products and the reduction share one product-scanning pass. Column k collects every limb
 * product with i + j = k and every reduction term q_i p_(k-i) plus the carry of column k-1;
 * limb products are below 2^58, so a column absorbs 63 of them in 64 bits without carrying
 * and a sum of up to MAX_PRODUCTS products is reduced once ("lazy reduction").
 *
 * - Each product is computed column-wise with one level of Karatsuba (halves of 4 and 5
 *   limbs, 66 limb products instead of 81; squares 40 instead of 45).
 * - p = 2^28 + 1 (mod 2^29), so the quotient digit q = column * (-p^-1) mod 2^29 is
 *   ((column << 28) - column) mod 2^29 and q * p_0 = (q << 28) + q: no multiplication.
 * - No conditional subtraction: the result of reducing T is below T/R + p, a bound that the
 *   callers keep (see `poseidonWasm.ts`).
 */
import { I32, I64, type FunctionBuilder, type Local } from './wasmEmitter.ts'
import { LIMBS, LIMB_BITS, LIMB_MASK, P_LIMBS, pushLimb, storeLimb, type LimbRef } from './limbs.ts'

/**
 * Linear-memory bytes `[0, MONTGOMERY_SCRATCH_BYTES)` that generated reductions use: a
 * module using {@link emitMontgomery} must keep them free.
 *
 * @example
 * ```ts
 * const firstFreeAddress = MONTGOMERY_SCRATCH_BYTES // 80
 * ```
 */
export const MONTGOMERY_SCRATCH_BYTES = (LIMBS + 1) * 8

/**
 * The most products one reduction may sum when every limb is normalised: a column then
 * holds at most (LIMBS * n + LIMBS) limb products below 2^(2 LIMB_BITS), plus a carry.
 *
 * @example
 * ```ts
 * MAX_PRODUCTS // 6: (9 * 6 + 9) products of 58 bits fit in 64 bits
 * ```
 */
export const MAX_PRODUCTS = Math.floor((2 ** (64 - 2 * LIMB_BITS) - LIMBS - 1) / LIMBS)

const MU = Number((-modInverse2k(BigInt(P_LIMBS[0]!), LIMB_BITS)) & LIMB_MASK) // -p^-1 mod 2^w
const LO = Math.floor(LIMBS / 2) // Karatsuba: a = aL + aH * 2^(w LO), aL has LO limbs
const HI = LIMBS - LO

function modInverse2k(a: bigint, bits: number): bigint {
  // Newton iteration for the inverse of an odd number modulo 2^bits.
  const m = (1n << BigInt(bits)) - 1n
  let x = 1n
  for (let i = 0; i < 6; i++) x = (x * (2n - a * x)) & m
  return x
}

/** One product of a reduction: `a * b`, squared with fewer limb products if `a === b`. */
export interface ProductTerm {
  readonly a: LimbRef
  readonly b: LimbRef
}

type Half = 'low' | 'high' | 'middle'

/** One product term, split in a low half of LO limbs and a high half of HI limbs. */
class KaratsubaTerm {
  private readonly f: FunctionBuilder
  private readonly a: LimbRef
  private readonly b: LimbRef
  readonly square: boolean
  /** Whether an operand is in linear memory (its loads are worth pinning, see emitMontgomery). */
  readonly readsMemory: boolean
  /** Locals holding a_i + a_(i+LO) and b_i + b_(i+LO), computed at first use. */
  private readonly sums = { a: [] as (Local | undefined)[], b: [] as (Local | undefined)[] }

  constructor(f: FunctionBuilder, { a, b }: ProductTerm) {
    this.f = f
    this.a = a
    this.b = b
    this.square = a === b
    this.readsMemory = !('locals' in a) || !('locals' in b)
  }

  /** Pushes limb i (0..HI-1) of half `half` of operand `which`. */
  private push(which: 'a' | 'b', half: Half, i: number): void {
    const side = this.square ? 'a' : which
    const ref = side === 'a' ? this.a : this.b
    if (half === 'low') pushLimb(this.f, ref, i)
    else if (half === 'high' || i >= LO) pushLimb(this.f, ref, i + LO)
    else {
      let local = this.sums[side][i]
      if (local === undefined) {
        local = this.f.local(I64)
        pushLimb(this.f, ref, i)
        pushLimb(this.f, ref, i + LO)
        this.f.i64Add().localSet(local)
        this.sums[side][i] = local
      }
      this.f.localGet(local)
    }
  }

  /**
   * Pushes column c of a half-product (low: aL*bL, high: aH*bH, middle: (aL + aH)(bL + bH))
   * and returns true, or pushes nothing and returns false.
   */
  emitHalfColumn(half: Half, c: number): boolean {
    const f = this.f
    const size = half === 'low' ? LO : HI
    let pushed = 0
    const add = (): void => {
      if (pushed++ > 0) f.i64Add()
    }
    if (this.square) {
      // 2 * (sum of x_i x_j for i < j), doubled once, plus the diagonal x_(c/2)^2.
      for (let i = Math.max(0, c - size + 1); 2 * i < c; i++) {
        this.push('a', half, i)
        this.push('a', half, c - i)
        f.i64Mul()
        add()
      }
      if (pushed > 0) f.i64Const(1).i64Shl()
      if (c % 2 === 0 && c / 2 < size) {
        this.push('a', half, c / 2)
        this.push('a', half, c / 2)
        f.i64Mul()
        add()
      }
    } else {
      for (let i = Math.max(0, c - size + 1); i <= Math.min(c, size - 1); i++) {
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
 * Emits `out = (sum_k a_k * b_k + high * R) / R` modulo p, with normalised limbs and
 * `out < T / R + p + high` for the integer sum T of the products. One reduction for the
 * whole sum of up to {@link MAX_PRODUCTS} products. Operands must have normalised limbs,
 * except that the operands of a single product may have limbs below 2^(LIMB_BITS + 1);
 * `high` must be normalised. `out` may be one of the inputs (limb i of the output is written
 * after the last read of limb i of any input).
 *
 * @example
 * ```ts
 * emitMontgomery(f, [{ a: x, b: x }], x2)                    // x2 = x^2 / R
 * emitMontgomery(f, [{ a: w0, b: s0 }, { a: w1, b: s1 }], y) // y = (w0 s0 + w1 s1) / R
 * emitMontgomery(f, [{ a: v, b: x }], y, s)                  // y = v x / R + s
 * ```
 */
export function emitMontgomery(f: FunctionBuilder, products: readonly ProductTerm[], out: LimbRef, high?: LimbRef): void {
  if (products.length < 1 || products.length > MAX_PRODUCTS) {
    throw new RangeError(`1 to ${MAX_PRODUCTS} products per reduction, not ${products.length}`)
  }
  const terms = products.map((term) => new KaratsubaTerm(f, term))
  const fromMemory = terms.some((t) => t.readsMemory)
  const zero = f.local(I32) // base address 0 of the scratch bytes
  const pin = f.local(I64)
  const q = f.localArray(LIMBS, I64)
  const column = f.local(I64)
  const carry = f.local(I64)
  const low = f.localArray(2 * LO - 1, I64)
  const highHalf = f.localArray(2 * HI - 1, I64)
  const mask = Number(LIMB_MASK)
  const w = LIMB_BITS
  const pinned = (): void => {
    // Stores a running sum to scratch memory. The optimising compiler keeps loads in program
    // order relative to stores, so the loads of the next operands cannot be hoisted above
    // this point; without it, it hoists every load to the top and spills them all.
    f.localTee(pin).localGet(zero).localGet(pin).i64Store(8 * LIMBS)
  }
  for (let k = 0; k < 2 * LIMBS; k++) {
    let count = 0
    const add = (): void => {
      if (count++ > 0) f.i64Add()
    }
    const halfSum = (half: Half, c: number): void => {
      let pushed = 0
      for (const term of terms) {
        if (!term.emitHalfColumn(half, c)) continue
        if (pushed++ > 0) f.i64Add()
        if (term.readsMemory) pinned()
      }
    }
    // Karatsuba per column: column k of a*b is L_k + H_(k-2LO) + M_(k-LO) - L_(k-LO) - H_(k-LO)
    // where L, H, M are the columns of aL*bL, aH*bH and (aL + aH)(bL + bH). The identity
    // holds column by column (no carries), so wrap-around mod 2^64 in between is harmless:
    // the final column equals the schoolbook one, which is below 2^64.
    if (k <= 2 * LO - 2) {
      halfSum('low', k)
      f.localTee(low[k]!)
      add()
    }
    const c = k - LO
    if (c >= 0 && c <= 2 * HI - 2) {
      halfSum('high', c)
      f.localSet(highHalf[c]!)
      halfSum('middle', c)
      add()
      if (c <= 2 * LO - 2) f.localGet(low[c]!).i64Sub()
      f.localGet(highHalf[c]!).i64Sub()
    }
    if (k - 2 * LO >= 0 && k - 2 * LO <= 2 * HI - 2) {
      f.localGet(highHalf[k - 2 * LO]!)
      add()
    }
    if (high && k >= LIMBS) {
      pushLimb(f, high, k - LIMBS)
      add()
    }
    // Reduction terms q_i * p_(k-i) for k - i >= 1, the newest digit last (critical path).
    for (let i = Math.max(0, k - LIMBS + 1); i <= Math.min(k - 1, LIMBS - 1); i++) {
      const pj = P_LIMBS[k - i]!
      if (pj === 0) continue
      f.localGet(q[i]!)
      if (pj !== 1) f.i64Const(pj).i64Mul()
      add()
    }
    if (k > 0) {
      f.localGet(carry)
      add()
    }
    if (count === 0) f.i64Const(0)
    f.localSet(column)
    if (k < LIMBS) {
      // The digit q_k makes column + q_k * p_0 divisible by 2^w; the carry is the quotient.
      emitTimes(f, column, MU)
      f.i64Const(mask).i64And().localSet(q[k]!)
      if (fromMemory) f.localGet(zero).localGet(q[k]!).i64Store(8 * k) // pins like `pinned`
      f.localGet(column)
      emitTimes(f, q[k]!, P_LIMBS[0]!)
      f.i64Add().i64Const(w).i64ShrU().localSet(carry)
    } else {
      const last = k === 2 * LIMBS - 1
      storeLimb(f, out, k - LIMBS, () => (last ? f.localGet(column) : f.localGet(column).i64Const(mask).i64And()))
      if (!last) f.localGet(column).i64Const(w).i64ShrU().localSet(carry)
    }
  }
}

/** Pushes `x * m` (mod 2^64) for a constant m, with a shift for m = 2^s - 1 or 2^s + 1. */
function emitTimes(f: FunctionBuilder, x: Local, m: number): void {
  const s = Math.round(Math.log2(m))
  if (m === 1) f.localGet(x)
  else if (m === 2 ** s - 1) f.localGet(x).i64Const(s).i64Shl().localGet(x).i64Sub()
  else if (m === 2 ** s + 1) f.localGet(x).i64Const(s).i64Shl().localGet(x).i64Add()
  else f.localGet(x).i64Const(m).i64Mul()
}
