/**
 * A thin layer over the Montgomery code generator of `../poseidon/` for curve code: field
 * elements live in linear memory, products are calls to one generated multiplication (or
 * squaring) function, and additions/subtractions are emitted inline. Every value carries an
 * upper bound, checked at generation time, so that the generator itself proves that no
 * value outgrows the limb representation (see {@link FieldGen}).
 */
import { FIELD_MODULUS } from '../field/field.ts'
import { LIMBS, LIMB_BITS, LIMB_MASK, MONTGOMERY_R, inMemory, pushLimb, storeLimb, toLimbs, type LimbRef } from '../poseidon/limbs.ts'
import { emitMontgomery } from '../poseidon/montgomery.ts'
import { FunctionBuilder, I32, I64, type Local, type WasmModuleBuilder } from '../poseidon/wasmEmitter.ts'

const P = FIELD_MODULUS
const R = MONTGOMERY_R

/** A field element in linear memory: at the i32 address held in local `base`, plus `offset` bytes. */
export interface Slot {
  readonly base: Local
  readonly offset: number
}

/**
 * A field element as the generator knows it: where it is, an exclusive upper bound on the
 * integer its limbs stand for, and whether its limbs are normalised (below 2^29, the top
 * limb holding the rest) or "loose" (the limb-wise sum of two normalised values, limbs below
 * 2^30: fine as an operand of a product, nothing else).
 */
export interface Fe {
  readonly at: Slot
  readonly bound: bigint
  readonly loose: boolean
}

/**
 * The generated multiplication functions of a module: `mul(out, a, b)` writes
 * `a * b / R mod p` (bound `a * b / R + p`) and `sqr(out, a)` the same for `b = a`; all
 * three are i32 byte addresses.
 */
export interface MulFunctions {
  readonly mul: number
  readonly sqr: number
}

/**
 * Adds `mul` and `sqr` to a module (one Montgomery reduction each, operands in memory).
 *
 * @example
 * ```ts
 * const fns = addMulFunctions(module)
 * ```
 */
export function addMulFunctions(m: WasmModuleBuilder): MulFunctions {
  const mul = m.addFunction(new FunctionBuilder([I32, I32, I32], []))
  const sqr = m.addFunction(new FunctionBuilder([I32, I32], []))
  emitMontgomery(m.body(mul), [{ a: inMemory(1), b: inMemory(2) }], inMemory(0))
  const s = m.body(sqr)
  const a = inMemory(1)
  emitMontgomery(s, [{ a, b: a }], inMemory(0))
  return { mul, sqr }
}

/** ceil(a / b) for positive bigints. */
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b

/**
 * Emits field code into one function body, tracking bounds. Throws at generation time when a
 * value could reach R = 2^261 (limbs would no longer be normalised), when a loose value is
 * used where a normalised one is needed, or when a declared output bound does not hold.
 *
 * @example
 * ```ts
 * const g = new FieldGen(f, fns)
 * const x = g.input(g.abs(X_ADDRESS), 2n * p)
 * const x2 = g.mul(g.abs(TMP), x, x)
 * ```
 */
export class FieldGen {
  readonly f: FunctionBuilder
  private readonly fns: MulFunctions
  /** An i32 local holding 0 (locals start at zero): the base of absolute addresses. */
  readonly zero: Local

  constructor(f: FunctionBuilder, fns: MulFunctions) {
    this.f = f
    this.fns = fns
    this.zero = f.local(I32)
  }

  /** The slot at absolute byte address `address`. */
  abs(address: number): Slot {
    return { base: this.zero, offset: address }
  }

  /** The slot `offset` bytes past the address in local `base`. */
  at(base: Local, offset = 0): Slot {
    return { base, offset }
  }

  /** A normalised value already in memory, below `bound`. */
  input(at: Slot, bound: bigint): Fe {
    if (bound > R) throw new RangeError('input bound above R')
    return { at, bound, loose: false }
  }

  /** Pushes the i32 address of a slot. */
  address(s: Slot): void {
    this.f.localGet(s.base)
    if (s.offset !== 0) this.f.i32Const(s.offset).i32Add()
  }

  private ref(s: Slot): LimbRef {
    return inMemory(s.base, s.offset)
  }

  /** `out = a * b / R mod p`, normalised, below `a * b / R + p`. */
  mul(out: Slot, a: Fe, b: Fe): Fe {
    for (const x of [a, b]) if (x.bound > R) throw new RangeError('product operand above R')
    if (a === b || (a.at.base === b.at.base && a.at.offset === b.at.offset)) {
      this.address(out)
      this.address(a.at)
      this.f.call(this.fns.sqr)
    } else {
      this.address(out)
      this.address(a.at)
      this.address(b.at)
      this.f.call(this.fns.mul)
    }
    const bound = (a.bound - 1n) * (b.bound - 1n) / R + P + 1n
    return { at: out, bound, loose: false }
  }

  /** `out = a * a / R mod p`. */
  sqr(out: Slot, a: Fe): Fe {
    return this.mul(out, a, a)
  }

  /** `out = a + b` limb by limb without carries: a loose value, an operand of products only. */
  sum(out: Slot, a: Fe, b: Fe): Fe {
    if (a.loose || b.loose) throw new RangeError('sum of a loose value')
    const f = this.f
    for (let i = 0; i < LIMBS; i++) {
      storeLimb(f, this.ref(out), i, () => {
        pushLimb(f, this.ref(a.at), i)
        pushLimb(f, this.ref(b.at), i)
        f.i64Add()
      })
    }
    return { at: out, bound: a.bound + b.bound - 1n, loose: true }
  }

  /**
   * `out = sum(plus) - sum(minus) + k p` with carries (normalised), k the least multiple of p
   * that keeps the result non-negative. In place is fine (limb i of `out` is written after
   * limb i of every input is read).
   */
  lin(out: Slot, plus: readonly Fe[], minus: readonly Fe[] = []): Fe {
    const f = this.f
    const negative = minus.reduce((acc, x) => acc + x.bound - 1n, 0n)
    const k = ceilDiv(negative, P)
    const kp = toLimbs(k * P)
    const bound = plus.reduce((acc, x) => acc + x.bound - 1n, 0n) + k * P + 1n
    if (bound > R) throw new RangeError(`linear combination may reach R (${Number(bound / P)}p)`)
    const carry = f.local(I64)
    const column = f.local(I64)
    for (let i = 0; i < LIMBS; i++) {
      storeLimb(f, this.ref(out), i, () => {
        let first = true
        const add = (): void => {
          if (!first) f.i64Add()
          first = false
        }
        for (const x of plus) {
          pushLimb(f, this.ref(x.at), i)
          add()
        }
        if (kp[i] !== 0 || first) {
          f.i64Const(kp[i]!)
          add()
        }
        for (const x of minus) {
          pushLimb(f, this.ref(x.at), i)
          f.i64Sub()
        }
        if (i > 0) f.localGet(carry).i64Add()
        if (i < LIMBS - 1) {
          // column: the low LIMB_BITS bits stay, the rest (signed) carries into the next limb.
          f.localSet(column)
          f.localGet(column).i64Const(LIMB_BITS).i64ShrS().localSet(carry)
          f.localGet(column).i64Const(Number(LIMB_MASK)).i64And()
        }
      })
    }
    return { at: out, bound, loose: false }
  }

  /** Copies a value (limb by limb). */
  copy(out: Slot, a: Fe): Fe {
    for (let i = 0; i < LIMBS; i++) storeLimb(this.f, this.ref(out), i, () => pushLimb(this.f, this.ref(a.at), i))
    return { at: out, bound: a.bound, loose: a.loose }
  }

  /** Throws unless `x` is normalised and below `bound` (an invariant promised to callers). */
  check(x: Fe, bound: bigint, what: string): void {
    if (x.loose || x.bound > bound) throw new RangeError(`${what}: bound ${x.bound} above ${bound} or loose`)
  }
}
