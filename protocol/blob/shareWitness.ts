import { BLOB_BYTES_PER_ELEMENT } from '../constants.ts'
import { ProtocolError } from '../errors.ts'
import { mod } from '../field/field.ts'
import { BLS_MODULUS, blobPoint } from './blsScalar.ts'
import { blobTerm } from './blobShare.ts'

/** Bits per limb of the circuit's BLS12-381 scalar arithmetic; three limbs hold 258 bits. */
export const SHARE_LIMB_BITS = 86
/** Limbs of a BLS12-381 scalar in the circuit. */
export const SHARE_LIMBS = 3

const LIMB = 1n << BigInt(SHARE_LIMB_BITS)
const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)))

/**
 * Sizes of the share check in a chunk circuit of `elements` DA elements (they must match the
 * circuit template `BlobShare`): bits and limbs of the final quotient, coefficients of the
 * final identity and its carry bound (carries lie in `(-2^bits, 2^bits)`).
 *
 * @example
 * ```ts
 * shareSizes(26).quotientLimbs // 3
 * ```
 */
export function shareSizes(elements: number): { quotientBits: number; quotientLimbs: number; finalCoefs: number; termCarryBits: number; finalCarryBits: number } {
  const quotientBits = 8 * BLOB_BYTES_PER_ELEMENT + 1 + ceilLog2(elements)
  const quotientLimbs = Math.ceil(quotientBits / SHARE_LIMB_BITS)
  return {
    quotientBits,
    quotientLimbs,
    finalCoefs: Math.max(2 * SHARE_LIMBS - 1, quotientLimbs + SHARE_LIMBS - 1),
    termCarryBits: 90,
    finalCarryBits: SHARE_LIMB_BITS + 1 + ceilLog2(3 * elements + 5),
  }
}

/**
 * `x` in `n` limbs of {@link SHARE_LIMB_BITS} bits, least significant first.
 *
 * @example
 * ```ts
 * shareLimbs(1n << 86n, 3) // [0n, 1n, 0n]
 * ```
 */
export function shareLimbs(x: bigint, n: number = SHARE_LIMBS): bigint[] {
  if (x < 0n || x >> BigInt(n * SHARE_LIMB_BITS) !== 0n) throw new ProtocolError('OUT_OF_RANGE', `${x} does not fit ${n} limbs`)
  return Array.from({ length: n }, (_, i) => (x >> BigInt(i * SHARE_LIMB_BITS)) & (LIMB - 1n))
}

const mul = (a: readonly bigint[], b: readonly bigint[]): bigint[] => {
  const out = new Array<bigint>(a.length + b.length - 1).fill(0n)
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j]! += x * y)))
  return out
}
const add = (a: readonly bigint[], b: readonly bigint[], sign = 1n): bigint[] =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0n) + sign * (b[i] ?? 0n))

/** Carries of a limb polynomial that evaluates to zero at 2^86 (one fewer than coefficients). */
function carries(coefs: readonly bigint[], count: number): bigint[] {
  const out: bigint[] = []
  let carry = 0n
  for (let k = 0; k < count; k++) {
    const v = (coefs[k] ?? 0n) + carry
    if (v % LIMB !== 0n) throw new ProtocolError('SHARE_WITNESS', `limb identity fails at coefficient ${k}`)
    carry = v / LIMB
    out.push(carry)
  }
  if ((coefs[count] ?? 0n) + carry !== 0n || coefs.slice(count + 1).some((c) => c !== 0n)) {
    throw new ProtocolError('SHARE_WITNESS', 'limb identity does not close')
  }
  return out
}

/**
 * The private inputs of the circuit's share check for a chunk whose DA `elements` sit at blob
 * positions `firstPosition ..`, at challenge `z` (the public inputs are separate): per element
 * the hint `c = ω/(z - ω) mod r` in limbs (`blobTerm`), the quotient `q` of
 * `c·(z + r - ω) + (r - ω) = q·r` (`blobTermQuot`) and that identity's limb carries
 * (`blobTermCarry`); for the share `s` the quotient `Q` of `Σ d·c = Q·r + s` (`blobShareQuot`)
 * and its carries (`blobShareCarry`). Carries are signed, given modulo the BN254 field.
 *
 * @example
 * ```ts
 * const hints = shareCircuitInputs({ elements: chunk.dataElements, firstPosition: 1, z })
 * ```
 */
export function shareCircuitInputs(params: { elements: readonly bigint[]; firstPosition: number; z: bigint }): Record<string, bigint[] | bigint[][]> {
  const { elements, firstPosition, z } = params
  const sizes = shareSizes(elements.length)
  const R = shareLimbs(BLS_MODULUS)
  const zl = shareLimbs(z)
  const terms: bigint[][] = []
  const quots: bigint[][] = []
  const termCarries: bigint[][] = []
  let sum = 0n
  let sumPoly: bigint[] = []
  elements.forEach((d, j) => {
    const v = BLS_MODULUS - blobPoint(firstPosition + j)
    const c = blobTerm({ position: firstPosition + j, z })
    const q = (c * (z + v) + v) / BLS_MODULUS
    const vl = shareLimbs(v)
    const cl = shareLimbs(c)
    const ql = shareLimbs(q)
    const coefs = add(add(mul(cl, add(zl, vl)), vl), mul(ql, R), -1n)
    terms.push(cl)
    quots.push(ql)
    termCarries.push(carries(coefs, 2 * SHARE_LIMBS - 2).map((x) => mod(x)))
    sum += d * c
    sumPoly = add(sumPoly, mul(shareLimbs(d), cl))
  })
  const share = sum % BLS_MODULUS
  const Q = sum / BLS_MODULUS
  const Ql = shareLimbs(Q, sizes.quotientLimbs)
  const finalCoefs = add(add(sumPoly, mul(Ql, R), -1n), shareLimbs(share), -1n)
  return {
    blobTerm: terms,
    blobTermQuot: quots,
    blobTermCarry: termCarries,
    blobShareQuot: Ql,
    blobShareCarry: carries(finalCoefs, sizes.finalCoefs - 1).map((x) => mod(x)),
  }
}
