import { OutOfRangeError } from '../errors.ts'

/**
 * The BN254 scalar field modulus: the field of every circuit signal, of Poseidon and of
 * BabyJubJub coordinates.
 *
 * @example
 * ```ts
 * FIELD_MODULUS.toString(16) // '30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001'
 * ```
 */
export const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n

/**
 * Reduces any integer into `[0, FIELD_MODULUS)`.
 *
 * @example
 * ```ts
 * mod(-1n) === FIELD_MODULUS - 1n
 * ```
 */
export function mod(a: bigint, m: bigint = FIELD_MODULUS): bigint {
  const r = a % m
  return r < 0n ? r + m : r
}

/**
 * Multiplicative inverse modulo `m` by the extended Euclidean algorithm. Throws on zero.
 *
 * @example
 * ```ts
 * mod(inv(3n) * 3n) === 1n
 * ```
 */
export function inv(a: bigint, m: bigint = FIELD_MODULUS): bigint {
  let t = 0n
  let newT = 1n
  let r = m
  let newR = mod(a, m)
  if (newR === 0n) throw new OutOfRangeError({ what: 'inverse of', value: 0n, limit: 'non-zero' })
  while (newR !== 0n) {
    const q = r / newR
    ;[t, newT] = [newT, t - q * newT]
    ;[r, newR] = [newR, r - q * newR]
  }
  return mod(t, m)
}

/**
 * Modular exponentiation by square-and-multiply.
 *
 * @example
 * ```ts
 * pow(2n, 10n) === 1024n
 * ```
 */
export function pow(base: bigint, exp: bigint, m: bigint = FIELD_MODULUS): bigint {
  let result = 1n
  let b = mod(base, m)
  let e = exp
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m
    b = (b * b) % m
    e >>= 1n
  }
  return result
}

/**
 * Checks that `value` is a canonical field element (an integer in `[0, FIELD_MODULUS)`) and
 * returns it; throws an {@link OutOfRangeError} naming `what` otherwise.
 *
 * @example
 * ```ts
 * assertField(5n, 'amount') // 5n
 * assertField(FIELD_MODULUS, 'root') // throws OutOfRangeError
 * ```
 */
export function assertField(value: bigint, what: string): bigint {
  if (value < 0n || value >= FIELD_MODULUS) {
    throw new OutOfRangeError({ what, value, limit: 'a field element below the BN254 scalar modulus' })
  }
  return value
}

/**
 * Checks that `value` fits in `bits` unsigned bits and returns it.
 *
 * @example
 * ```ts
 * assertBits(255n, 8, 'fee exponent') // 255n
 * ```
 */
export function assertBits(value: bigint, bits: number, what: string): bigint {
  if (value < 0n || value >> BigInt(bits) !== 0n) {
    throw new OutOfRangeError({ what, value, limit: `below 2^${bits}` })
  }
  return value
}
