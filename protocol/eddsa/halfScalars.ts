/**
 * Half-size scalars for the verification equation, after Pornin ("Optimized lattice basis
 * reduction in dimension 2, and fast Schnorr and EdDSA signature verification", 2020): for
 * h' = 8h mod l, find c and d, both about sqrt(l) (126 bits) with c = d h' (mod l) and d odd.
 * Then, for A in the prime-order subgroup,
 *
 *   S Base8 = R8 + h' A   <=>   (d S mod l) Base8 - c A - d R8 = O
 *
 * because the right side is d (S Base8 - h' A - R8), and d Q = O implies Q = O for any curve
 * point Q: the group order is 8l and d is odd and below l in magnitude. The variable-base part
 * (c A and d R8) then needs 126 doublings instead of 251.
 *
 * (c, d) comes from the extended Euclidean algorithm on (l, h'), stopped halfway: every
 * remainder r_i satisfies r_i = t_i h' (mod l) and |t_(i+1)| <= l / r_i. It runs Lehmer's
 * variant (Knuth, TAOCP 4.5.2, algorithm L) on float64 limbs of 26 bits: each round works on
 * the leading 52 bits in plain floating point (exact integers) and applies the resulting 2x2
 * matrix to the limbs, so no BigInt is created. In the rare cases where Lehmer's round makes
 * no progress (a huge quotient) it gives up and the caller uses (c, d) = (h', 1), which is
 * always valid, only slower.
 */
import { SUBGROUP_ORDER } from './babyjub.ts'

const BITS = 26
const RADIX = 2 ** BITS
const N = 10 // 260 bits
/** Remainders below 2^STOP end the reduction (sqrt(l) is about 2^125.8). */
const STOP = 126
/** Bound on the entries of a Lehmer matrix: keeps every limb product below 2^52. */
const COFACTOR = 2 ** 25

const L_LIMBS = Float64Array.from({ length: N }, (_, i) => Number((SUBGROUP_ORDER >> BigInt(BITS * i)) & BigInt(RADIX - 1)))

// Scratch: remainders r0 > r1 >= 0 and their cofactors t0, t1 (signed: limbs in [0, 2^26),
// the top limb signed).
const r0 = new Float64Array(N)
const r1 = new Float64Array(N)
const t0 = new Float64Array(N)
const t1 = new Float64Array(N)

/** Bit length of a non-negative limb vector. */
function bitLength(x: Float64Array): number {
  for (let i = N - 1; i >= 0; i--) {
    const v = x[i]!
    if (v !== 0) return BITS * i + (32 - Math.clz32(v))
  }
  return 0
}

/** POW2[k + 64] = 2^k for k in [-64, BITS * N]. */
const POW2 = Float64Array.from({ length: 64 + BITS * N + 1 }, (_, k) => 2 ** (k - 64))

/** floor(x / 2^s) for a non-negative x with bitLength(x) - s <= 52 and s >= 0, as a number. */
function topBits(x: Float64Array, s: number): number {
  // Limbs below index `low` contribute less than 1 after the shift (and are dropped).
  const low = Math.floor(s / BITS)
  let v = 0
  for (let i = N - 1; i > low; i--) v += x[i]! * POW2[BITS * i - s + 64]!
  return v + Math.floor(x[low]! * POW2[BITS * low - s + 64]!)
}

/** An approximation of a signed limb vector, as a number. */
function approx(x: Float64Array): number {
  let v = 0
  for (let i = N - 1; i >= 0; i--) v = v * RADIX + x[i]!
  return v
}

/** (x, y) = (a x + b y, c x + d y), exactly, with |a|, |b|, |c|, |d| <= 2^25. */
function apply(x: Float64Array, y: Float64Array, a: number, b: number, c: number, d: number): void {
  let cx = 0
  let cy = 0
  for (let i = 0; i < N; i++) {
    const xi = x[i]!
    const yi = y[i]!
    const vx = a * xi + b * yi + cx
    const vy = c * xi + d * yi + cy
    if (i < N - 1) {
      cx = Math.floor(vx / RADIX)
      cy = Math.floor(vy / RADIX)
      x[i] = vx - cx * RADIX
      y[i] = vy - cy * RADIX
    } else {
      x[i] = vx
      y[i] = vy
    }
  }
}

/** Reads a 256-bit integer from 8 little-endian u32 words into limbs. */
function readWords(u32: Uint32Array, at: number, out: Float64Array): void {
  for (let i = 0; i < N; i++) {
    const bit = BITS * i
    const w = bit >>> 5
    const shift = bit & 31
    let v = w < 8 ? u32[at + w]! >>> shift : 0
    if (shift > 32 - BITS && w + 1 < 8) v |= u32[at + w + 1]! << (32 - shift)
    out[i] = (v & (RADIX - 1)) >>> 0
  }
}

/** Writes a non-negative limb vector below 2^256 as 8 little-endian u32 words. */
function writeWords(x: Float64Array, u32: Uint32Array, at: number): void {
  for (let w = 0; w < 8; w++) {
    let v = 0
    for (let i = 0; i < N; i++) {
      const bit = BITS * i - 32 * w
      if (bit <= -BITS || bit >= 32) continue
      const limb = x[i]!
      v |= bit >= 0 ? limb << bit : limb >>> -bit
    }
    u32[at + w] = v >>> 0
  }
}

/** Negates a signed limb vector in place if it is negative; returns -1 if it was, else 1. */
function absolute(x: Float64Array): number {
  if (x[N - 1]! >= 0) return 1
  let carry = 0
  for (let i = 0; i < N; i++) {
    const v = -x[i]! + carry
    if (i < N - 1) {
      carry = Math.floor(v / RADIX)
      x[i] = v - carry * RADIX
    } else x[i] = v
  }
  return -1
}

/** The result of {@link halfScalars}: bit lengths of c and |d|, and the sign of d. */
export interface HalfScalars {
  readonly cBits: number
  readonly dBits: number
  readonly dNegative: boolean
}

/**
 * Reads h' (below l, 8 little-endian u32 words at `hAt`) and writes c >= 0 at `cAt` and |d|
 * at `dAt` (8 words each) with c = d h' (mod l) and d odd, about 126 bits each; returns their
 * bit lengths and the sign of d, or `undefined` when the reduction gave up (then nothing is
 * written; (h', 1) is the fallback).
 *
 * @example
 * ```ts
 * const r = halfScalars(u32, 0, 8, 16) // c at words 8..15, |d| at 16..23
 * ```
 */
export function halfScalars(u32: Uint32Array, hAt: number, cAt: number, dAt: number): HalfScalars | undefined {
  r0.set(L_LIMBS)
  readWords(u32, hAt, r1)
  t0.fill(0)
  t1.fill(0)
  t1[0] = 1
  for (let round = 0; round < 40; round++) {
    const n1 = bitLength(r1)
    if (n1 <= STOP) break
    const s = bitLength(r0) - 52
    let a = topBits(r0, s)
    let b = topBits(r1, s)
    const stopAt = STOP - s > 0 ? 2 ** (STOP - s) : 1
    let A = 1
    let B = 0
    let C = 0
    let D = 1
    for (;;) {
      // (Knuth stops on a zero denominator; stopping on a negative one too is merely cautious.)
      if (b + C <= 0) break
      const q = Math.floor((a + A) / (b + C))
      // The same quotient for (a + B) / (b + D), checked by products (exact: below 2^53).
      const den = b + D
      const num = a + B
      if (den <= 0 || q * den > num || num >= (q + 1) * den) break
      const nC = A - q * C
      const nD = B - q * D
      if (Math.abs(nC) > COFACTOR || Math.abs(nD) > COFACTOR) break
      A = C
      B = D
      C = nC
      D = nD
      const nb = a - q * b
      a = b
      b = nb
      if (b < stopAt) break
    }
    if (B === 0) return undefined // no progress: a quotient too large for one round
    apply(r0, r1, A, B, C, D)
    apply(t0, t1, A, B, C, D)
  }
  if (bitLength(r1) > STOP) return undefined
  // Candidate: (r1, t1) if t1 is odd. Otherwise t0 is odd (consecutive cofactors are
  // coprime), and so is t0 - j t1 for every j: take j balancing r0 - j r1 >= 0 against
  // |t0| + j |t1| (t0 and t1 have opposite signs).
  let c = r1
  let d = t1
  if ((t1[0]! & 1) === 0) {
    const ar0 = approx(r0)
    const ar1 = approx(r1)
    const at0 = Math.abs(approx(t0))
    const at1 = Math.abs(approx(t1))
    const j = ar0 > at0 ? Math.floor((ar0 - at0) / (ar1 + at1)) : 0
    if (j > COFACTOR) return undefined
    // j <= r0 / r1: the balance point is below r0 / r1 by l / (r1 (r1 + |t1|)) > 1/3, far
    // more than the rounding of the floating-point estimate. Checked anyway.
    apply(r0, r1, 1, -j, 0, 1)
    apply(t0, t1, 1, -j, 0, 1)
    if (r0[N - 1]! < 0) return undefined
    c = r0
    d = t0
  }
  const dNegative = absolute(d) < 0
  const cBits = bitLength(c)
  const dBits = bitLength(d)
  if (cBits > 256 || dBits > 256) return undefined
  writeWords(c, u32, cAt)
  writeWords(d, u32, dAt)
  return { cBits, dBits, dNegative }
}
