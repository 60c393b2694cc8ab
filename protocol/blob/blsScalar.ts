import { BLOB_ELEMENTS } from '../constants.ts'
import { OutOfRangeError } from '../errors.ts'
import { inv, mod, pow } from '../field/field.ts'

/**
 * The BLS12-381 scalar field modulus: the field of EIP-4844 blob elements, of the challenge
 * point and of the blob's value there (`BLS_MODULUS` of EIP-4844).
 *
 * @example
 * ```ts
 * BLS_MODULUS.toString(16) // '73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001'
 * ```
 */
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n

/** Generator of the BLS12-381 scalar field's multiplicative group that EIP-4844 uses (`PRIMITIVE_ROOT_OF_UNITY`). */
export const BLS_PRIMITIVE_ROOT = 7n

/** log2 of the blob width: 4096 = 2^12 evaluation points. */
export const BLOB_WIDTH_BITS = 12

/**
 * The primitive 4096-th root of unity ω of the blob domain: `7^((r - 1) / 4096) mod r`.
 *
 * @example
 * ```ts
 * pow(BLOB_ROOT_OF_UNITY, 4096n, BLS_MODULUS) === 1n
 * ```
 */
export const BLOB_ROOT_OF_UNITY = pow(BLS_PRIMITIVE_ROOT, (BLS_MODULUS - 1n) / BigInt(BLOB_ELEMENTS), BLS_MODULUS)

/**
 * Reverses the low `bits` bits of `i` (EIP-4844 `reverse_bits`).
 *
 * @example
 * ```ts
 * bitReverse(1, 12) // 2048
 * ```
 */
export function bitReverse(i: number, bits: number = BLOB_WIDTH_BITS): number {
  let r = 0
  for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b)
  return r
}

let points: bigint[] | undefined

/**
 * The evaluation point of blob field element `position`: `ω^bitrev(position)`. Element `i` of
 * an EIP-4844 blob is the blob polynomial's value there (the bit-reversed order of the spec).
 *
 * @example
 * ```ts
 * blobPoint(0) // 1n
 * blobPoint(1) === BLS_MODULUS - 1n // ω^2048 = -1
 * ```
 */
export function blobPoint(position: number): bigint {
  if (!Number.isInteger(position) || position < 0 || position >= BLOB_ELEMENTS) {
    throw new OutOfRangeError({ what: 'blob position', value: position, limit: `an integer from 0 to ${BLOB_ELEMENTS - 1}` })
  }
  if (!points) {
    const natural: bigint[] = [1n]
    for (let k = 1; k < BLOB_ELEMENTS; k++) natural.push((natural[k - 1]! * BLOB_ROOT_OF_UNITY) % BLS_MODULUS)
    points = Array.from({ length: BLOB_ELEMENTS }, (_, i) => natural[bitReverse(i)]!)
  }
  return points[position]!
}

/**
 * `(z^4096 - 1) / 4096 mod r`: the factor every barycentric term of the blob polynomial is
 * multiplied by. The contract computes it with twelve squarings.
 *
 * @example
 * ```ts
 * blobFactor(0n) === BLS_MODULUS - inv(4096n, BLS_MODULUS)
 * ```
 */
export function blobFactor(z: bigint): bigint {
  return mod((pow(z, BigInt(BLOB_ELEMENTS), BLS_MODULUS) - 1n) * inv(BigInt(BLOB_ELEMENTS), BLS_MODULUS), BLS_MODULUS)
}
