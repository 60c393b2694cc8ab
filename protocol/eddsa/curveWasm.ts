/**
 * BabyJubJub point arithmetic and EdDSA verification in generated WebAssembly, on the BN254
 * Montgomery arithmetic of `../poseidon/` (9 limbs of 29 bits, R = 2^261).
 *
 * Curve model. BabyJubJub is a x^2 + y^2 = 1 + d x^2 y^2 with a = 168700, d = 168696. Since
 * -a is a square mod p, (x, y) -> (u, y) = (sqrt(-a) x, y) maps it isomorphically onto
 * -u^2 + y^2 = 1 + d' u^2 y^2 with d' = -d / a, where the extended-coordinate formulas of
 * Hisil, Wong, Carter and Dawson (2008) for a = -1 are cheapest. a' = -1 is a square and d'
 * is not (d is not, a is), so those formulas are complete: no exceptional inputs (identity,
 * small-order points, P + P, P - P all go through the same code). Points are kept in extended
 * coordinates (X : Y : Z : T), T = XY/Z; a doubling costs 4 squarings + 3 products (+1 for T),
 * an addition of a cached point (Y - X, Y + X, 2d'T, 2Z) 7 products (+1 for T), of an
 * affine cached point 6 (+1).
 *
 * Verification checks `S Base8 = R8 + h' A` (h' = 8h mod l) in the equivalent form
 * `s' Base8 - c A - d R8 = O` with c, d of about 126 bits (`halfScalars.ts`, s' = d S mod l)
 * by Straus' interleaving of four scalar streams over one chain of about 128 doublings:
 * width-wB signed digits (wNAF) of s' mod 2^128 and s' / 2^128 on precomputed affine tables
 * of odd multiples of Base8 and 2^128 Base8, and width-wV digits of c and |d| on tables of odd
 * multiples of -A and of ±R8 built per call. The result is compared with the identity
 * projectively (X = 0, Y = Z: no inversion). The prime-subgroup check of a new public key is
 * the pairing test of `torsion.ts` (one exponentiation by (p - 1)/8), about a seventh of the
 * cost of a multiplication by l.
 *
 * Values are never fully reduced between operations: every product is below T/R + p and
 * subtractions add a multiple of p; {@link FieldGen} checks at generation time that nothing
 * reaches R. Only comparisons reduce to canonical form.
 *
 * Memory (bytes): reduction scratch at 0; I/O words at IO (see {@link IO_WORDS}); constants;
 * temporaries; the accumulator; the tables; the digit arrays.
 */
import { babyjubjub } from '@noble/curves/misc.js'
import { FIELD_MODULUS, inv, mod } from '../field/field.ts'
import {
  ELEMENT_BYTES,
  LIMBS,
  MONTGOMERY_R,
  emitFromWords,
  emitReduceOnce,
  emitToWords,
  inMemory,
  pushLimb,
  toLimbs,
  toMontgomery,
  writeLimbs,
} from '../poseidon/limbs.ts'
import { MONTGOMERY_SCRATCH_BYTES, emitMontgomery } from '../poseidon/montgomery.ts'
import { FunctionBuilder, I32, I64, WasmModuleBuilder, type Local } from '../poseidon/wasmEmitter.ts'
import { instantiateWasm, type WasmMemory } from '../poseidon/wasmInstance.ts'
import { BASE8, type Point } from './babyjub.ts'
import { FieldGen, addMulFunctions, type Fe, type MulFunctions, type Slot } from './fieldGen.ts'
import { MILLER, PAIRING_EXPONENT } from './torsion.ts'

const p = FIELD_MODULUS
const R = MONTGOMERY_R
const E = ELEMENT_BYTES

/** BabyJubJub's a and d. */
export const CURVE_A = 168700n
export const CURVE_D = 168696n
/** sqrt(-a): u = SQRT_NEG_A * x maps BabyJubJub onto the a = -1 curve. */
export const SQRT_NEG_A: bigint = babyjubjub.Point.Fp.sqrt(p - CURVE_A)
/** d' = -d / a, the d of the a = -1 curve. */
export const D_ISO: bigint = mod(-CURVE_D * inv(CURVE_A))
if (mod(SQRT_NEG_A * SQRT_NEG_A + CURVE_A) !== 0n) throw new Error('curveWasm.ts: sqrt(-a)')

/** Width of the signed digits on the Base8 tables (2^(w-2) affine points each). */
export const WIDTH_BASE = 8
/** Width of the signed digits on the per-call tables of A and R8 (2^(w-2) points each). */
export const WIDTH_VAR = 5
/** Digit positions: any scalar below 2^256 has a wNAF of at most 257 digits. */
const DIGITS = 258
/** Bits of the low half of the Base8 scalar: s = s_lo + 2^SPLIT s_hi, s_hi on 2^SPLIT Base8. */
export const SPLIT = 128

// ---- Memory layout ----
const IO = 128
if (MONTGOMERY_SCRATCH_BYTES > IO) throw new Error('curveWasm.ts: scratch overlaps I/O')
/**
 * Word indices (u64) of the I/O area, relative to the BigUint64Array at IO: P = (x, y) at 0
 * and 4, Q at 8 and 12; four scalars of four words each, each followed by a word that stays
 * zero (the digit recoder reads past the scalar): s1 (on Base8), s2 (on P), s3 (on 2^128
 * Base8), s4 (on Q); outputs from 36: output slot s holds X, Y, Z (canonical, of the a = -1
 * curve) at words 36 + 12 s, + 4, + 8.
 */
export const IO_WORDS = { px: 0, py: 4, qx: 8, qy: 12, s1: 16, s2: 21, s3: 26, s4: 31, out: 36 } as const
const IO_BYTES = 128 * 8
const CONST = IO + IO_BYTES
const C = {
  onePlain: CONST,
  r2: CONST + E,
  cr2: CONST + 2 * E,
  ncr2: CONST + 3 * E,
  oneM: CONST + 4 * E,
  dIsoM: CONST + 5 * E,
  kM: CONST + 6 * E, // 2d' in Montgomery form
  lambda1: CONST + 7 * E,
  c1: CONST + 8 * E,
  u2: CONST + 9 * E,
  lambda2: CONST + 10 * E,
  c2: CONST + 11 * E,
  u4: CONST + 12 * E,
  zero: CONST + 13 * E,
} as const
const TMP = CONST + 14 * E
const T = (i: number): number => TMP + i * E
const TMP_COUNT = 16
const ACC = TMP + TMP_COUNT * E // X, Y, Z, T
const PT = ACC + 4 * E // loaded points: uP, yP, xP, uQ, yQ, xQ
const P_U = PT
const P_Y = PT + E
const P_X = PT + 2 * E
const Q_U = PT + 3 * E
const Q_Y = PT + 4 * E
const Q_X = PT + 5 * E
const CACHE_TMP = PT + 6 * E // one cached point (4 elements)
const POW_TABLE = CACHE_TMP + 4 * E // 16 odd powers for the exponentiation
const ENTRY_VAR = 4 * E
const TABLE_VAR_SIZE = 1 << (WIDTH_VAR - 2)
const TABLE_P = POW_TABLE + 16 * E
const TABLE_Q = TABLE_P + TABLE_VAR_SIZE * ENTRY_VAR
const ENTRY_BASE = 3 * E
const TABLE_BASE_SIZE = 1 << (WIDTH_BASE - 2)
const TABLE_B = TABLE_Q + TABLE_VAR_SIZE * ENTRY_VAR
const TABLE_B2 = TABLE_B + TABLE_BASE_SIZE * ENTRY_BASE
const DIGITS_AT = TABLE_B2 + TABLE_BASE_SIZE * ENTRY_BASE
const END = DIGITS_AT + 4 * DIGITS * 8

/**
 * The four scalar streams of a multi-scalar multiplication, in the order they are added at
 * each position: the two fixed Base8 tables (affine), then P's and Q's tables.
 */
const STREAMS = [
  { scalar: IO_WORDS.s1, table: TABLE_B, entry: ENTRY_BASE, affine: true, width: WIDTH_BASE },
  { scalar: IO_WORDS.s3, table: TABLE_B2, entry: ENTRY_BASE, affine: true, width: WIDTH_BASE },
  { scalar: IO_WORDS.s2, table: TABLE_P, entry: ENTRY_VAR, affine: false, width: WIDTH_VAR },
  { scalar: IO_WORDS.s4, table: TABLE_Q, entry: ENTRY_VAR, affine: false, width: WIDTH_VAR },
].map((stream, i) => ({ ...stream, digits: DIGITS_AT + i * DIGITS * 8 }))

/** Bound on accumulator coordinates (all are products: below T/R + p). */
const ACC_BOUND = 2n * p
/** Bound on the elements of a cached point. */
const ENTRY_BOUND = 5n * p
/** Bound on loaded words (JavaScript passes canonical field elements; any 256 bits are safe). */
const WORD_BOUND = 1n << 256n

/** Status codes of `verify`. */
export const STATUS = { ok: 0, keyOffCurve: 1, keyNotInSubgroup: 2, r8OffCurve: 3, mismatch: 4 } as const

interface Fns extends MulFunctions {
  dbl: number
  add: number
  cache: number
  load: number
  onCurve: number
  subgroup: number
  canon: number
  wnaf: number
  combine: number
  buildTable: number
}

/** Element slots of the accumulator. */
const accFe = (g: FieldGen): { X: Fe; Y: Fe; Z: Fe; T: Fe } => ({
  X: g.input(g.abs(ACC), ACC_BOUND),
  Y: g.input(g.abs(ACC + E), ACC_BOUND),
  Z: g.input(g.abs(ACC + 2 * E), ACC_BOUND),
  T: g.input(g.abs(ACC + 3 * E), ACC_BOUND),
})

/** dbl(withT): ACC = 2 ACC (dbl-2008-hwcd, a = -1, all four outputs negated: same point). */
function emitDouble(f: FunctionBuilder, fns: MulFunctions): void {
  const g = new FieldGen(f, fns)
  const { X, Y, Z } = accFe(g)
  const A = g.sqr(g.abs(T(0)), X)
  const B = g.sqr(g.abs(T(1)), Y)
  const ZZ = g.sqr(g.abs(T(2)), Z)
  const XY = g.sum(g.abs(T(3)), X, Y)
  const Ee = g.lin(g.abs(T(4)), [g.sqr(g.abs(T(4)), XY)], [A, B]) // 2XY
  const G = g.lin(g.abs(T(5)), [B], [A]) // B - A = aA + B
  const H = g.sum(g.abs(T(6)), A, B) // -(aA - B)
  const F = g.lin(g.abs(T(7)), [ZZ, ZZ, A], [B]) // -(G - 2Z^2)
  const outs = [g.mul(g.abs(ACC), Ee, F), g.mul(g.abs(ACC + E), G, H), g.mul(g.abs(ACC + 2 * E), F, G)]
  f.localGet(0).if()
  outs.push(g.mul(g.abs(ACC + 3 * E), Ee, H))
  f.end()
  for (const o of outs) g.check(o, ACC_BOUND, 'double')
}

/**
 * add(entry, neg, affine, withT): ACC = ACC + (neg ? -Q : Q) for the cached point Q at
 * `entry` (add-2008-hwcd-3, a = -1); affine entries have Z = 1 and no fourth element.
 * -Q's cached form swaps Y - X and Y + X and negates 2d'T, i.e. swaps F and G below.
 */
function emitAdd(f: FunctionBuilder, fns: MulFunctions): void {
  const g = new FieldGen(f, fns)
  const [entry, neg, affine, withT] = [0, 1, 2, 3]
  const e1 = f.local(I32)
  const e2 = f.local(I32)
  const fAt = f.local(I32)
  const gAt = f.local(I32)
  f.localGet(entry).i32Const(E).i32Add().localGet(entry).localGet(neg).select().localSet(e1)
  f.localGet(entry).localGet(entry).i32Const(E).i32Add().localGet(neg).select().localSet(e2)
  const { X, Y, Z, T: Tt } = accFe(g)
  const ymx = g.lin(g.abs(T(0)), [Y], [X])
  const A = g.mul(g.abs(T(1)), ymx, g.input(g.at(e1), ENTRY_BOUND))
  const ypx = g.sum(g.abs(T(2)), Y, X)
  const B = g.mul(g.abs(T(3)), ypx, g.input(g.at(e2), ENTRY_BOUND))
  const Cc = g.mul(g.abs(T(4)), Tt, g.input(g.at(entry, 2 * E), ENTRY_BOUND))
  // D = 2 Z1 Z2: Z1 + Z1 for an affine entry, else Z1 * (2 Z2).
  f.localGet(affine).if()
  const dAffine = g.lin(g.abs(T(5)), [Z, Z])
  f.else()
  const dProjective = g.mul(g.abs(T(5)), Z, g.input(g.at(entry, 3 * E), ENTRY_BOUND))
  f.end()
  const D = g.input(g.abs(T(5)), dAffine.bound > dProjective.bound ? dAffine.bound : dProjective.bound)
  const Ee = g.lin(g.abs(T(6)), [B], [A])
  const H = g.sum(g.abs(T(7)), B, A)
  const dPlusC = g.sum(g.abs(T(8)), D, Cc)
  const dMinusC = g.lin(g.abs(T(9)), [D], [Cc])
  // F = D - C and G = D + C, swapped for -Q.
  f.i32Const(T(8)).i32Const(T(9)).localGet(neg).select().localSet(fAt)
  f.i32Const(T(9)).i32Const(T(8)).localGet(neg).select().localSet(gAt)
  const fg = (at: Local): Fe => ({ at: g.at(at), bound: dPlusC.bound > dMinusC.bound ? dPlusC.bound : dMinusC.bound, loose: true })
  const F = fg(fAt)
  const G = fg(gAt)
  const outs = [g.mul(g.abs(ACC), Ee, F), g.mul(g.abs(ACC + E), G, H), g.mul(g.abs(ACC + 2 * E), F, G)]
  f.localGet(withT).if()
  outs.push(g.mul(g.abs(ACC + 3 * E), Ee, H))
  f.end()
  for (const o of outs) g.check(o, ACC_BOUND, 'add')
}

/** cache(entry): writes ACC's cached form (Y - X, Y + X, 2d'T, 2Z) at `entry`. */
function emitCache(f: FunctionBuilder, fns: MulFunctions): void {
  const g = new FieldGen(f, fns)
  const { X, Y, Z, T: Tt } = accFe(g)
  const outs = [
    g.lin(g.at(0), [Y], [X]),
    g.lin(g.at(0, E), [Y, X]),
    g.mul(g.at(0, 2 * E), Tt, g.input(g.abs(C.kM), p)),
    g.lin(g.at(0, 3 * E), [Z, Z]),
  ]
  for (const o of outs) g.check(o, ENTRY_BOUND, 'cache')
}

/**
 * load(words, negate, u, y, x): reads canonical (x, y) from four-word integers at `words`
 * and `words + 32` and writes the Montgomery forms of u = ±sqrt(-a) x, y and x.
 */
function emitLoad(f: FunctionBuilder, fns: MulFunctions): void {
  const g = new FieldGen(f, fns)
  const [words, negate, uOut, yOut, xOut] = [0, 1, 2, 3, 4]
  const limbs = T(15)
  const constant = f.local(I32)
  f.i32Const(C.ncr2).i32Const(C.cr2).localGet(negate).select().localSet(constant)
  emitFromWords(f, words, 0, inMemory(g.zero, limbs))
  const x = g.input(g.abs(limbs), WORD_BOUND)
  const r2 = g.input(g.abs(C.r2), p)
  const outs = [g.mul(g.at(uOut), x, g.input(g.at(constant), p)), g.mul(g.at(xOut), x, r2)]
  emitFromWords(f, words, 32, inMemory(g.zero, limbs))
  outs.push(g.mul(g.at(yOut), x, r2))
  for (const o of outs) g.check(o, ACC_BOUND, 'load')
}

/** canon(out, v): out = v / R mod p, canonical (v normalised, below R). */
function emitCanon(f: FunctionBuilder): void {
  const out = inMemory(0)
  emitMontgomery(f, [{ a: inMemory(1), b: inMemory(f.local(I32), C.onePlain) }], out)
  emitReduceOnce(f, out)
}

/** Pushes an i32: 1 when the canonical element at `at` equals `value` (a small constant). */
function emitEquals(f: FunctionBuilder, base: Local, at: number, value: number): void {
  for (let i = 0; i < LIMBS; i++) {
    pushLimb(f, inMemory(base, at), i)
    if (i === 0 && value !== 0) f.i64Const(value).i64Xor()
    if (i > 0) f.i64Or()
  }
  f.i64Eqz()
}

/** onCurve(u, y) -> 1 when -u^2 + y^2 = 1 + d' u^2 y^2 (u, y Montgomery forms below ACC_BOUND). */
function emitOnCurve(f: FunctionBuilder, fns: Fns): void {
  const g = new FieldGen(f, fns)
  const u = g.input(g.at(0), ACC_BOUND)
  const y = g.input(g.at(1), ACC_BOUND)
  const u2 = g.sqr(g.abs(T(10)), u)
  const y2 = g.sqr(g.abs(T(11)), y)
  const uy = g.mul(g.abs(T(12)), u2, y2)
  const duy = g.mul(g.abs(T(12)), uy, g.input(g.abs(C.dIsoM), p))
  const diff = g.lin(g.abs(T(13)), [y2], [u2, g.input(g.abs(C.oneM), p), duy])
  g.address(g.abs(T(13)))
  g.address(diff.at)
  f.call(fns.canon)
  emitEquals(f, g.zero, T(13), 0)
}

/**
 * subgroup(x, y) -> 1 when the point (x, y) (original coordinates, Montgomery forms below
 * ACC_BOUND, on the curve, not of small order) is in the prime-order subgroup: the pairing
 * test of `torsion.ts`.
 */
function emitSubgroup(f: FunctionBuilder, fns: Fns): void {
  const g = new FieldGen(f, fns)
  const x = g.input(g.at(0), ACC_BOUND)
  const y = g.input(g.at(1), ACC_BOUND)
  const k = (name: keyof typeof C): Fe => g.input(g.abs(C[name]), p)
  const at = (i: number): Slot => g.abs(T(i))
  const omy = g.lin(at(0), [k('oneM')], [y])
  const opy = g.sum(at(1), k('oneM'), y)
  const Z = g.mul(at(2), omy, x)
  const x2 = g.sqr(at(3), x)
  const W = g.mul(at(4), opy, omy)
  const X = g.mul(at(5), W, x2)
  const Y = g.mul(at(6), X, omy)
  const Z2 = g.sqr(at(7), Z)
  const Z3 = g.mul(at(8), Z2, Z)
  const XZ = g.mul(at(9), X, Z)
  const line = (lambda: Fe, c: Fe, out: number, spare: number): Fe => {
    const a = g.mul(at(out), XZ, lambda)
    const b = g.mul(at(spare), Z3, c)
    return g.lin(at(out), [Y], [a, b])
  }
  const vertical = (u0: Fe, out: number): Fe => g.lin(at(out), [X], [g.mul(at(out), Z2, u0)])
  const L1 = line(k('lambda1'), k('c1'), 10, 11)
  const V2 = vertical(k('u2'), 11)
  const L2 = line(k('lambda2'), k('c2'), 12, 13)
  const V4 = vertical(k('u4'), 13)
  let lv = g.mul(at(0), L1, V2)
  lv = g.sqr(at(0), lv)
  lv = g.sqr(at(0), lv)
  const l2 = g.sqr(at(12), L2)
  const v2 = g.sqr(at(1), V4)
  const v4 = g.sqr(at(2), v2)
  let v7 = g.mul(at(2), v4, v2)
  v7 = g.mul(at(2), v7, V4)
  let base = g.mul(at(0), lv, l2)
  base = g.mul(at(0), base, v7)
  const result = emitPower(g, base, PAIRING_EXPONENT, at(3))
  g.address(at(4))
  g.address(result.at)
  f.call(fns.canon)
  emitEquals(f, g.zero, T(4), 1)
}

/**
 * Emits `out = base^e` (Montgomery forms) by left-to-right sliding windows of 5 bits, with the
 * 16 odd powers in POW_TABLE. Returns the result (at `out`).
 */
function emitPower(g: FieldGen, base: Fe, e: bigint, out: Slot): Fe {
  const w = 5
  const table: Fe[] = [g.copy(g.abs(POW_TABLE), base)]
  const sq = g.sqr(g.abs(T(14)), base)
  for (let i = 1; i < 1 << (w - 1); i++) table.push(g.mul(g.abs(POW_TABLE + i * E), table[i - 1]!, sq))
  const bits = e.toString(2)
  let acc: Fe | undefined
  let i = 0
  while (i < bits.length) {
    if (bits[i] === '0') {
      acc = g.sqr(out, acc!)
      i++
      continue
    }
    let j = Math.min(i + w, bits.length) - 1
    while (bits[j] === '0') j--
    const value = parseInt(bits.slice(i, j + 1), 2)
    if (acc === undefined) acc = g.copy(out, table[(value - 1) / 2]!)
    else {
      for (let s = i; s <= j; s++) acc = g.sqr(out, acc)
      acc = g.mul(out, acc, table[(value - 1) / 2]!)
    }
    i = j + 1
  }
  return acc!
}

/**
 * wnaf(scalar, out, w, len): the width-w NAF digits at positions 0 .. len - 1 of a scalar of
 * four words (followed by a zero word), one i64 per position. len must exceed the scalar's
 * bit length (a wNAF is at most one digit longer than the binary form).
 */
function emitWnaf(f: FunctionBuilder): void {
  const [scalar, out, w, len] = [0, 1, 2, 3]
  const i = f.local(I64)
  const carry = f.local(I64)
  const bits = f.local(I64)
  const word = f.local(I64)
  const digitAddress = (): void => {
    f.localGet(out).localGet(i).i64Const(3).i64Shl().i32WrapI64().i32Add()
  }
  f.loop()
  digitAddress()
  f.i64Const(0).i64Store()
  f.localGet(i).i64Const(1).i64Add().localTee(i).localGet(len).i64LtS().brIf(0)
  f.end()
  f.i64Const(0).localSet(i)
  f.block()
  f.loop()
  f.localGet(i).localGet(len).i64GeS().brIf(1)
  f.localGet(scalar).localGet(i).i64Const(3).i64ShrU().i32WrapI64().i32Add().i64Load()
  f.localGet(i).i64Const(7).i64And().i64ShrU().localSet(bits)
  // A digit starts where the bit differs from the carry; otherwise the digit is zero.
  f.localGet(bits).i64Const(1).i64And().localGet(carry).i64Xor().i64Eqz().if()
  f.localGet(i).i64Const(1).i64Add().localSet(i)
  f.br(1)
  f.end()
  f.localGet(bits).i64Const(1).localGet(w).i64Shl().i64Const(1).i64Sub().i64And().localGet(carry).i64Add().localSet(word)
  f.localGet(word).localGet(w).i64Const(1).i64Sub().i64ShrU().i64Const(1).i64And().localSet(carry)
  f.localGet(word).localGet(carry).localGet(w).i64Shl().i64Sub().localSet(word)
  digitAddress()
  f.localGet(word).i64Store()
  f.localGet(i).localGet(w).i64Add().localSet(i)
  f.br(0)
  f.end()
  f.end()
}

/** Stores the identity (0 : 1 : 1 : 0) in ACC. */
function emitIdentity(f: FunctionBuilder, zero: Local): void {
  for (let i = 0; i < LIMBS; i++) {
    for (const [offset, from] of [
      [0, C.zero],
      [E, C.oneM],
      [2 * E, C.oneM],
      [3 * E, C.zero],
    ] as const) {
      f.localGet(zero)
      pushLimb(f, inMemory(zero, from), i)
      f.i64Store(ACC + offset + 8 * i)
    }
  }
}

/**
 * combine(top): ACC = the sum over the four streams of their digits times their table
 * points, by one doubling per position from `top` down to 0 (Straus' interleaving).
 */
function emitCombine(f: FunctionBuilder, fns: Fns): void {
  const top = 0
  const zero = f.local(I32)
  const offset = f.local(I32)
  const i = f.local(I64)
  const d = STREAMS.map(() => f.local(I64))
  const anyFrom = (j: number): void => {
    // pushes i32: some digit of streams j.. is non-zero
    f.localGet(d[j]!)
    for (let k = j + 1; k < d.length; k++) f.localGet(d[k]!).i64Or()
    f.i64Eqz().i32Eqz()
  }
  emitIdentity(f, zero)
  f.localGet(top).i64ExtendI32U().localSet(i)
  f.block()
  f.loop()
  f.localGet(i).i64Const(0).i64LtS().brIf(1)
  f.localGet(i).i64Const(3).i64Shl().i32WrapI64().localSet(offset)
  STREAMS.forEach((stream, j) => f.localGet(offset).i64Load(stream.digits).localSet(d[j]!))
  anyFrom(0)
  f.call(fns.dbl)
  STREAMS.forEach((stream, j) => {
    const digit = d[j]!
    f.localGet(digit).i64Eqz().i32Eqz().if()
    // entry = table + (|digit| >> 1) * size; negative digits add the negated point
    f.i64Const(0).localGet(digit).i64Sub().localGet(digit).localGet(digit).i64Const(0).i64LtS().select()
    f.i64Const(1).i64ShrU().i64Const(stream.entry).i64Mul().i32WrapI64().i32Const(stream.table).i32Add()
    f.localGet(digit).i64Const(0).i64LtS()
    f.i32Const(stream.affine ? 1 : 0)
    if (j + 1 < STREAMS.length) anyFrom(j + 1)
    else f.i32Const(0)
    f.call(fns.add)
    f.end()
  })
  f.localGet(i).i64Const(1).i64Sub().localSet(i)
  f.br(0)
  f.end()
  f.end()
}

/**
 * buildTable(u, y, table): the cached odd multiples 1, 3, ..., 2^(wV-1) - 1 of the affine
 * point (u, y) of the a = -1 curve (Montgomery forms below ACC_BOUND) at `table`. Uses ACC
 * and CACHE_TMP.
 */
function emitBuildTable(f: FunctionBuilder, fns: Fns): void {
  const g = new FieldGen(f, fns)
  const table = 2
  const u = g.input(g.at(0), ACC_BOUND)
  const y = g.input(g.at(1), ACC_BOUND)
  const setAcc = (): void => {
    g.copy(g.abs(ACC), u)
    g.copy(g.abs(ACC + E), y)
    g.copy(g.abs(ACC + 2 * E), g.input(g.abs(C.oneM), p))
    g.check(g.mul(g.abs(ACC + 3 * E), u, y), ACC_BOUND, 'table')
  }
  setAcc()
  f.localGet(table).call(fns.cache)
  f.i32Const(1).call(fns.dbl)
  f.i32Const(CACHE_TMP).call(fns.cache) // 2P
  setAcc()
  for (let j = 1; j < TABLE_VAR_SIZE; j++) {
    f.i32Const(CACHE_TMP).i32Const(0).i32Const(0).i32Const(1).call(fns.add)
    f.localGet(table).i32Const(j * ENTRY_VAR).i32Add().call(fns.cache)
  }
}

/** Writes ACC's X, Y, Z (canonical, plain) as words at IO_WORDS.out + 4 * (3 * slot + i). */
function emitOutputAcc(f: FunctionBuilder, fns: Fns, zero: Local, slot: number): void {
  for (let c = 0; c < 3; c++) {
    f.i32Const(T(15)).i32Const(ACC + c * E).call(fns.canon)
    emitToWords(f, inMemory(zero, T(15)), zero, IO + 8 * (IO_WORDS.out + 4 * (3 * slot + c)))
  }
}

/**
 * The module's bytes (its constants are written into memory by {@link curveKernel}).
 *
 * @example
 * ```ts
 * validateWasm(buildCurveWasm()) // true
 * ```
 */
export function buildCurveWasm(): Uint8Array<ArrayBuffer> {
  const m = new WasmModuleBuilder(Math.ceil(END / 65536))
  const base = addMulFunctions(m)
  const fns: Fns = {
    ...base,
    dbl: m.addFunction(new FunctionBuilder([I32], [])),
    add: m.addFunction(new FunctionBuilder([I32, I32, I32, I32], [])),
    cache: m.addFunction(new FunctionBuilder([I32], [])),
    load: m.addFunction(new FunctionBuilder([I32, I32, I32, I32, I32], [])),
    onCurve: m.addFunction(new FunctionBuilder([I32, I32], [I32])),
    subgroup: m.addFunction(new FunctionBuilder([I32, I32], [I32])),
    canon: m.addFunction(new FunctionBuilder([I32, I32], [])),
    wnaf: m.addFunction(new FunctionBuilder([I32, I32, I64, I64], [])),
    combine: m.addFunction(new FunctionBuilder([I32], [])),
    buildTable: m.addFunction(new FunctionBuilder([I32, I32, I32], [])),
  }
  emitDouble(m.body(fns.dbl), fns)
  emitAdd(m.body(fns.add), fns)
  emitCache(m.body(fns.cache), fns)
  emitLoad(m.body(fns.load), fns)
  emitOnCurve(m.body(fns.onCurve), fns)
  emitSubgroup(m.body(fns.subgroup), fns)
  emitCanon(m.body(fns.canon))
  emitWnaf(m.body(fns.wnaf))
  emitCombine(m.body(fns.combine), fns)
  emitBuildTable(m.body(fns.buildTable), fns)

  // negate: a local (i32) or a constant
  const loadP = (f: FunctionBuilder, negate: () => void): void => {
    f.i32Const(IO + 8 * IO_WORDS.px)
    negate()
    f.i32Const(P_U).i32Const(P_Y).i32Const(P_X).call(fns.load)
  }
  const loadQ = (f: FunctionBuilder, negate: () => void): void => {
    f.i32Const(IO + 8 * IO_WORDS.qx)
    negate()
    f.i32Const(Q_U).i32Const(Q_Y).i32Const(Q_X).call(fns.load)
  }
  /** Digits of the four scalars, both tables, and the combination from position `top`. */
  const multiply = (f: FunctionBuilder, top: Local): void => {
    for (const stream of STREAMS) {
      f.i32Const(IO + 8 * stream.scalar).i32Const(stream.digits).i64Const(stream.width)
      f.localGet(top).i64ExtendI32U().i64Const(1).i64Add()
      f.call(fns.wnaf)
    }
    f.i32Const(P_U).i32Const(P_Y).i32Const(TABLE_P).call(fns.buildTable)
    f.i32Const(Q_U).i32Const(Q_Y).i32Const(TABLE_Q).call(fns.buildTable)
    f.localGet(top).call(fns.combine)
  }

  // verify(checkKey, keyOnly, negateQ, top) -> status, with P = A (the public key), Q = R8
  // and scalars s1 + 2^128 s3 = s', s2 = c, s4 = |d| (see halfScalars.ts): checks
  // s' Base8 - c A + d' R8 = O with the point -R8 (negateQ = 1) or R8 for the R8 stream.
  // checkKey: check A (on the curve, in the subgroup) first; keyOnly: stop after that.
  // top: the highest digit position (at least the largest scalar's bit length).
  {
    const f = m.body(m.addFunction(new FunctionBuilder([I32, I32, I32, I32], [I32]), 'verify'))
    const [checkKey, keyOnly, negateQ, top] = [0, 1, 2, 3]
    const g = new FieldGen(f, fns)
    const status = f.local(I32)
    const fail = (code: number): void => {
      f.if()
      f.i32Const(code).localSet(status)
      f.br(1)
      f.end()
    }
    f.block()
    loadP(f, () => f.i32Const(1))
    f.localGet(checkKey).if()
    f.i32Const(P_U).i32Const(P_Y).call(fns.onCurve).i32Eqz()
    f.if().i32Const(STATUS.keyOffCurve).localSet(status).br(2).end()
    f.i32Const(P_X).i32Const(P_Y).call(fns.subgroup).i32Eqz()
    f.if().i32Const(STATUS.keyNotInSubgroup).localSet(status).br(2).end()
    f.end()
    f.localGet(keyOnly).brIf(0)
    loadQ(f, () => f.localGet(negateQ))
    f.i32Const(Q_U).i32Const(Q_Y).call(fns.onCurve).i32Eqz()
    fail(STATUS.r8OffCurve)
    multiply(f, top)
    // ACC == O: X = 0 and Y - Z = 0.
    const { X, Y, Z } = accFe(g)
    const at = (i: number): Slot => g.abs(T(i))
    const dy = g.lin(at(1), [Y], [Z])
    g.address(at(2))
    g.address(X.at)
    f.call(fns.canon)
    g.address(at(3))
    g.address(dy.at)
    f.call(fns.canon)
    emitEquals(f, g.zero, T(2), 0)
    emitEquals(f, g.zero, T(3), 0)
    f.i32Add().i32Const(2).i32Sub().i32Eqz().i32Eqz()
    fail(STATUS.mismatch)
    f.end()
    f.localGet(status)
  }
  // Test entry points, on P, Q, the scalars and the output words.
  // msm(negateP, negateQ, top): out0 = s1 Base8 + s3 (2^128 Base8) + s2 (±P) + s4 (±Q).
  {
    const f = m.body(m.addFunction(new FunctionBuilder([I32, I32, I32], []), 'msm'))
    const zero = f.local(I32)
    loadP(f, () => f.localGet(0))
    loadQ(f, () => f.localGet(1))
    multiply(f, 2)
    emitOutputAcc(f, fns, zero, 0)
  }
  // add(neg, affine): out0 = P ± Q, out1 = P ± Q ± Q (the second addition uses T of the first).
  {
    const f = m.body(m.addFunction(new FunctionBuilder([I32, I32], []), 'add'))
    const g = new FieldGen(f, fns)
    loadP(f, () => f.i32Const(0))
    loadQ(f, () => f.i32Const(0))
    const setAcc = (u: number, y: number): void => {
      const uf = g.input(g.abs(u), ACC_BOUND)
      const yf = g.input(g.abs(y), ACC_BOUND)
      g.copy(g.abs(ACC), uf)
      g.copy(g.abs(ACC + E), yf)
      g.copy(g.abs(ACC + 2 * E), g.input(g.abs(C.oneM), p))
      g.mul(g.abs(ACC + 3 * E), uf, yf)
    }
    setAcc(Q_U, Q_Y)
    f.i32Const(CACHE_TMP).call(fns.cache)
    setAcc(P_U, P_Y)
    f.i32Const(CACHE_TMP).localGet(0).localGet(1).i32Const(1).call(fns.add)
    emitOutputAcc(f, fns, g.zero, 0)
    f.i32Const(CACHE_TMP).localGet(0).localGet(1).i32Const(0).call(fns.add)
    emitOutputAcc(f, fns, g.zero, 1)
  }
  // double(): out0 = 2P, out2 = 2P + P (uses T of the doubling), out1 = 2 * 3P (no T).
  {
    const f = m.body(m.addFunction(new FunctionBuilder([], []), 'double'))
    const g = new FieldGen(f, fns)
    loadP(f, () => f.i32Const(0))
    const uf = g.input(g.abs(P_U), ACC_BOUND)
    const yf = g.input(g.abs(P_Y), ACC_BOUND)
    g.copy(g.abs(ACC), uf)
    g.copy(g.abs(ACC + E), yf)
    g.copy(g.abs(ACC + 2 * E), g.input(g.abs(C.oneM), p))
    g.mul(g.abs(ACC + 3 * E), uf, yf)
    f.i32Const(CACHE_TMP).call(fns.cache)
    f.i32Const(1).call(fns.dbl)
    emitOutputAcc(f, fns, g.zero, 0)
    f.i32Const(CACHE_TMP).i32Const(0).i32Const(0).i32Const(0).call(fns.add)
    emitOutputAcc(f, fns, g.zero, 2)
    f.i32Const(0).call(fns.dbl)
    emitOutputAcc(f, fns, g.zero, 1)
  }
  // onCurve() -> 1 when P is on the curve; subgroup() -> the pairing test on P.
  {
    const f = m.body(m.addFunction(new FunctionBuilder([], [I32]), 'onCurve'))
    loadP(f, () => f.i32Const(0))
    f.i32Const(P_U).i32Const(P_Y).call(fns.onCurve)
  }
  {
    const f = m.body(m.addFunction(new FunctionBuilder([], [I32]), 'subgroup'))
    loadP(f, () => f.i32Const(0))
    f.i32Const(P_X).i32Const(P_Y).call(fns.subgroup)
  }
  return m.toBytes()
}

/** The affine odd multiples Q, 3Q, ..., (2^(wB-1) - 1) Q of Q = 2^shift Base8, on the a = -1 curve. */
function baseTable(shift: number): { u: bigint; y: bigint }[] {
  const NP = babyjubjub.Point
  const b = NP.fromAffine(BASE8).multiply(1n << BigInt(shift))
  const twice = b.double()
  const out: { u: bigint; y: bigint }[] = []
  let q = b
  for (let j = 0; j < TABLE_BASE_SIZE; j++) {
    const { x, y } = q.toAffine()
    out.push({ u: mod(SQRT_NEG_A * x), y })
    q = q.add(twice)
  }
  return out
}

/** Writes the constants and the Base8 table into a fresh instance's memory. */
function writeConstants(memory: WasmMemory): void {
  const u32 = new Uint32Array(memory.buffer)
  const plain = (address: number, v: bigint): void => writeLimbs(u32, address, toLimbs(v))
  const mont = (address: number, v: bigint): void => plain(address, toMontgomery(v))
  const r2 = (R * R) % p
  plain(C.onePlain, 1n)
  plain(C.r2, r2)
  plain(C.cr2, mod(SQRT_NEG_A * r2))
  plain(C.ncr2, mod(-SQRT_NEG_A * r2))
  mont(C.oneM, 1n)
  mont(C.dIsoM, D_ISO)
  mont(C.kM, 2n * D_ISO)
  mont(C.lambda1, MILLER.lambda1)
  mont(C.c1, MILLER.c1)
  mont(C.u2, MILLER.u2)
  mont(C.lambda2, MILLER.lambda2)
  mont(C.c2, MILLER.c2)
  mont(C.u4, MILLER.u4)
  plain(C.zero, 0n)
  for (const [table, shift] of [
    [TABLE_B, 0],
    [TABLE_B2, SPLIT],
  ] as const) {
    baseTable(shift).forEach(({ u, y }, j) => {
      const at = table + j * ENTRY_BASE
      mont(at, mod(y - u))
      mont(at + E, mod(y + u))
      mont(at + 2 * E, mod(2n * D_ISO * u * y))
    })
  }
}

/** A ready instance: the I/O words and the exported functions. */
export interface CurveKernel {
  /** u64 view of the I/O area (see {@link IO_WORDS}). */
  readonly words: BigUint64Array
  /**
   * P = public key A, Q = R8 (canonical words), scalars s1 + 2^128 s3 = s', s2 = c,
   * s4 = |d| -> a {@link STATUS}: checks A if `checkKey` (and stops if `keyOnly`), R8 on the
   * curve, then `s' Base8 - c A + s4 (∓R8) == O` (-R8 when `negateQ`). `top`: the highest
   * digit position, at least the bit length of every scalar.
   */
  readonly verify: (checkKey: number, keyOnly: number, negateQ: number, top: number) => number
  /** out0 = s1 Base8 + s3 (2^128 Base8) + s2 (±P) + s4 (±Q); top as for `verify`. */
  readonly msm: (negateP: number, negateQ: number, top: number) => void
  readonly add: (neg: number, affine: number) => void
  readonly double: () => void
  readonly onCurve: () => number
  readonly subgroup: () => number
}

let kernel: CurveKernel | undefined

/**
 * The curve kernel, generated, compiled and instantiated at the first call (about 70 ms:
 * code generation and noble computing the two Base8 tables), then cached.
 *
 * @example
 * ```ts
 * const k = curveKernel()
 * ```
 */
export function curveKernel(): CurveKernel {
  if (!kernel) {
    const { exports, memory } = instantiateWasm(buildCurveWasm())
    writeConstants(memory)
    const fn = <F>(name: string): F => exports[name] as F
    kernel = {
      words: new BigUint64Array(memory.buffer, IO, IO_BYTES / 8),
      verify: fn('verify'),
      msm: fn('msm'),
      add: fn('add'),
      double: fn('double'),
      onCurve: fn('onCurve'),
      subgroup: fn('subgroup'),
    }
  }
  return kernel
}

/**
 * Writes a non-negative integer below 2^256 as four words from word `at`.
 *
 * @example
 * ```ts
 * putWords(curveKernel().words, IO_WORDS.px, publicKey.x)
 * ```
 */
export function putWords(words: BigUint64Array, at: number, x: bigint): void {
  words[at] = x
  words[at + 1] = x >> 64n
  words[at + 2] = x >> 128n
  words[at + 3] = x >> 192n
}

/**
 * Reads the integer of four words from word `at`.
 *
 * @example
 * ```ts
 * getWords(k.words, IO_WORDS.out) // X of output slot 0
 * ```
 */
export function getWords(words: BigUint64Array, at: number): bigint {
  return (((((words[at + 3]! << 64n) | words[at + 2]!) << 64n) | words[at + 1]!) << 64n) | words[at]!
}
