/**
 * The limb representation of BN254 scalar-field elements in the generated WebAssembly, and
 * the simple code generators around it (loads, stores, additions, conversions).
 *
 * An element is LIMBS limbs of LIMB_BITS bits, least significant first, each held in an
 * i64 local or stored as a little-endian u64 in linear memory (ELEMENT_BYTES per element).
 * "Normalised" limbs are below 2^LIMB_BITS except the top one, which holds the rest. The
 * Montgomery radix is R = 2^(LIMB_BITS * LIMBS).
 */
import { FIELD_MODULUS, inv, mod } from '../field/field.ts'
import { I32, I64, type FunctionBuilder, type Local } from './wasmEmitter.ts'

/**
 * Bits per limb: 29, so that p = 2^28 + 1 (mod 2^29) makes reduction digits cheap.
 *
 * @example
 * ```ts
 * toLimbs(1n << BigInt(LIMB_BITS)) // [0, 1, 0, 0, 0, 0, 0, 0, 0]
 * ```
 */
export const LIMB_BITS = 29
/**
 * Limbs per element: 9 x 29 = 261 bits, room for the kernel's values below 2^260.
 *
 * @example
 * ```ts
 * toLimbs(FIELD_MODULUS).length === LIMBS // true
 * ```
 */
export const LIMBS = 9
/**
 * Bytes per element in linear memory (each limb a little-endian u64).
 *
 * @example
 * ```ts
 * const secondElement = inMemory(base, ELEMENT_BYTES)
 * ```
 */
export const ELEMENT_BYTES = LIMBS * 8
/**
 * The Montgomery radix R = 2^261.
 *
 * @example
 * ```ts
 * toMontgomery(1n) === MONTGOMERY_R % FIELD_MODULUS // true
 * ```
 */
export const MONTGOMERY_R = 1n << BigInt(LIMB_BITS * LIMBS)
/**
 * 2^LIMB_BITS - 1.
 *
 * @example
 * ```ts
 * f.i64Const(Number(LIMB_MASK)).i64And() // keep the low limb of a column
 * ```
 */
export const LIMB_MASK = (1n << BigInt(LIMB_BITS)) - 1n
/**
 * The limbs of p.
 *
 * @example
 * ```ts
 * fromLimbs(P_LIMBS) === FIELD_MODULUS // true
 * ```
 */
export const P_LIMBS: readonly number[] = toLimbs(FIELD_MODULUS)

/**
 * The limbs of a non-negative integer below R, least significant first.
 *
 * @example
 * ```ts
 * toLimbs((5n << 29n) | 3n) // [3, 5, 0, 0, 0, 0, 0, 0, 0]
 * ```
 */
export function toLimbs(x: bigint): number[] {
  if (x < 0n || x >= MONTGOMERY_R) throw new RangeError(`${x} does not fit in ${LIMBS} limbs`)
  return Array.from({ length: LIMBS }, (_, i) => Number((x >> BigInt(LIMB_BITS * i)) & LIMB_MASK))
}

/**
 * The integer of limbs (which may exceed LIMB_BITS bits: limb i weighs 2^(LIMB_BITS i)).
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
const R_INVERSE = inv(MONTGOMERY_R % FIELD_MODULUS)

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
 * Reads the LIMBS u64 limbs at byte `address` (each must be below 2^32).
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
 * Where the limbs of an operand live: in i64 locals, or as u64s in linear memory at
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
 * Limb-wise sum without carrying: fine as the operand of a single product (limbs up to
 * LIMB_BITS + 1 bits are within the column bounds), not as the input of another addition.
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
      f.localGet(d[i]!).i64Const(Number(LIMB_MASK)).i64And().localSet(d[i]!)
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
 * normalised limbs.
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
      f.i64Const(Number(LIMB_MASK)).i64And()
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
