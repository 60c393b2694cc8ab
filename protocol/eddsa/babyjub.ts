import { babyjubjub } from '@noble/curves/misc.js'
import { FIELD_MODULUS } from '../field/field.ts'
import { InvalidPointError } from '../errors.ts'

/** An affine BabyJubJub point, coordinates in the BN254 scalar field. */
export interface Point {
  x: bigint
  y: bigint
}

type NoblePoint = InstanceType<typeof babyjubjub.Point>
const NPoint = babyjubjub.Point

/**
 * Order of BabyJubJub's prime subgroup (circomlib's `subOrder`, l). Signature scalars S
 * must be below it.
 *
 * @example
 * ```ts
 * SUBGROUP_ORDER * 8n // the full curve order
 * ```
 */
export const SUBGROUP_ORDER: bigint = NPoint.Fn.ORDER

/**
 * circomlib's `Base8`, the generator of the prime subgroup (noble's `BASE`).
 *
 * @example
 * ```ts
 * BASE8.x // 5299619240641551281634865583518297030282874472190772894086521144482721001553n
 * ```
 */
export const BASE8: Point = NPoint.BASE.toAffine()

/** The identity, (0, 1). */
export const IDENTITY: Point = { x: 0n, y: 1n }

/**
 * The "no key yet" public key of an account leaf: both coordinates zero (not a curve point).
 *
 * @example
 * ```ts
 * isNoKey(NO_KEY) // true
 * ```
 */
export const NO_KEY: Point = { x: 0n, y: 0n }

/** True for the all-zero "no key" marker. @example isNoKey({ x: 0n, y: 0n }) // true */
export const isNoKey = (p: Point): boolean => p.x === 0n && p.y === 0n

// A windowed table for Base8: fixed-base multiplications (signing, S·B8) become cheap.
NPoint.BASE.precompute(8, false)

/** @internal noble point for an affine point, without checks. */
export const toNoble = (p: Point): NoblePoint => NPoint.fromAffine(p)

/** @internal affine point of a noble point. */
export const fromNoble = (p: NoblePoint): Point => {
  const { x, y } = p.toAffine()
  return { x, y }
}

/**
 * Checks that `p` is on BabyJubJub and in its prime-order subgroup (and not the identity
 * when `allowIdentity` is false), and returns the noble point. Throws
 * {@link InvalidPointError} with the reason otherwise.
 *
 * @example
 * ```ts
 * assertSubgroupPoint(BASE8, 'public key') // ok
 * assertSubgroupPoint({ x: 1n, y: 1n }, 'public key') // throws: not on the curve
 * ```
 */
export function assertSubgroupPoint(p: Point, what: string, allowIdentity = false): NoblePoint {
  if (p.x < 0n || p.x >= FIELD_MODULUS || p.y < 0n || p.y >= FIELD_MODULUS) {
    throw new InvalidPointError(`${what} has a coordinate outside the field`)
  }
  if (p.x === 0n && p.y === 1n) {
    if (!allowIdentity) throw new InvalidPointError(`${what} is the identity`)
    return NPoint.ZERO
  }
  let np: NoblePoint
  try {
    np = NPoint.fromAffine(p)
    np.assertValidity()
  } catch {
    throw new InvalidPointError(`${what} is not on BabyJubJub`)
  }
  if (!np.isTorsionFree()) throw new InvalidPointError(`${what} is not in the prime-order subgroup`)
  return np
}

/**
 * Compresses a point to 32 bytes exactly as circomlib's `babyJub.packPoint`: y little-endian,
 * with the top bit set when x is "negative" (greater than (p - 1) / 2).
 *
 * @example
 * ```ts
 * unpackPoint(packPoint(BASE8)) // BASE8
 * ```
 */
export function packPoint(p: Point): Uint8Array {
  const out = new Uint8Array(32)
  let y = p.y
  for (let i = 0; i < 32; i++) {
    out[i] = Number(y & 0xffn)
    y >>= 8n
  }
  if (p.x > (FIELD_MODULUS - 1n) / 2n) out[31] = out[31]! | 0x80
  return out
}

/**
 * Inverse of {@link packPoint}; throws {@link InvalidPointError} when no curve point has
 * that encoding.
 *
 * @example
 * ```ts
 * unpackPoint(packPoint(BASE8)).x === BASE8.x
 * ```
 */
export function unpackPoint(bytes: Uint8Array): Point {
  if (bytes.length !== 32) throw new InvalidPointError(`packed point must be 32 bytes, got ${bytes.length}`)
  const negative = (bytes[31]! & 0x80) !== 0
  let y = 0n
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? bytes[i]! & 0x7f : bytes[i]!)
  if (y >= FIELD_MODULUS) throw new InvalidPointError('packed point y is not a field element')
  const Fp = NPoint.Fp
  // a x^2 + y^2 = 1 + d x^2 y^2  =>  x^2 = (1 - y^2) / (a - d y^2)
  const y2 = Fp.sqr(y)
  const num = Fp.sub(1n, y2)
  const den = Fp.sub(168700n, Fp.mul(168696n, y2))
  if (Fp.is0(den)) throw new InvalidPointError('packed point has no x')
  let x: bigint
  try {
    x = Fp.sqrt(Fp.div(num, den))
  } catch {
    throw new InvalidPointError('packed point is not on BabyJubJub')
  }
  if ((x > (FIELD_MODULUS - 1n) / 2n) !== negative) x = Fp.neg(x)
  return { x, y }
}
