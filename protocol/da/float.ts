import { BITS, FLOAT } from '../constants.ts'
import { NotRepresentableError, OutOfRangeError, DecodeError } from '../errors.ts'

/** A decimal float format: `value = mantissa * 10^exponent`. */
export interface FloatFormat {
  exponentBits: number
  mantissaBits: number
}

const POW10: bigint[] = Array.from({ length: 64 }, (_, i) => 10n ** BigInt(i))

/**
 * Encodes `value` in a decimal float format, packed as `exponent << mantissaBits | mantissa`.
 * The encoding is canonical: the smallest exponent whose mantissa fits. Throws
 * {@link NotRepresentableError} (with the nearest representable values) when no exact
 * encoding exists, and {@link OutOfRangeError} for values at or above 2^128.
 *
 * @example
 * ```ts
 * encodeFloat(1_500_000_000_000_000_000n, FLOAT.AMOUNT) // 1.5 ETH: mantissa 15, exponent 17
 * ```
 */
export function encodeFloat(value: bigint, format: FloatFormat, what = 'amount'): bigint {
  if (value < 0n || value >> BigInt(BITS.AMOUNT) !== 0n) {
    throw new OutOfRangeError({ what, value, limit: 'a non-negative integer below 2^128' })
  }
  const maxMantissa = (1n << BigInt(format.mantissaBits)) - 1n
  const maxExponent = (1 << format.exponentBits) - 1
  let exponent = 0
  let mantissa = value
  while (mantissa > maxMantissa && exponent < maxExponent && mantissa % 10n === 0n) {
    mantissa /= 10n
    exponent++
  }
  if (mantissa > maxMantissa) {
    const { below, above } = nearestFloats(value, format)
    throw new NotRepresentableError({
      what,
      value,
      hint: `it must be a ${format.mantissaBits}-bit integer times a power of ten up to 10^${maxExponent}; ${
        above === undefined ? `the largest encodable value is ${below}` : `nearest encodable values are ${below} and ${above}`
      }`,
    })
  }
  return (BigInt(exponent) << BigInt(format.mantissaBits)) | mantissa
}

/**
 * Decodes a packed float; throws {@link DecodeError} if it is wider than the format or its
 * value reaches 2^128.
 *
 * @example
 * ```ts
 * decodeFloat(encodeFloat(12345n, FLOAT.FEE), FLOAT.FEE) // 12345n
 * ```
 */
export function decodeFloat(packed: bigint, format: FloatFormat, what = 'amount'): bigint {
  const width = BigInt(format.exponentBits + format.mantissaBits)
  if (packed < 0n || packed >> width !== 0n) throw new DecodeError(`${what} float ${packed} is wider than ${width} bits`)
  const mantissa = packed & ((1n << BigInt(format.mantissaBits)) - 1n)
  const exponent = Number(packed >> BigInt(format.mantissaBits))
  const value = mantissa * POW10[exponent]!
  if (value >> BigInt(BITS.AMOUNT) !== 0n) throw new DecodeError(`${what} float ${packed} decodes to ${value}, at or above 2^128`)
  return value
}

/**
 * True when `value` encodes exactly in `format`.
 *
 * @example
 * ```ts
 * isRepresentable(123456789n, FLOAT.FEE) // false
 * ```
 */
export function isRepresentable(value: bigint, format: FloatFormat): boolean {
  try {
    encodeFloat(value, format)
    return true
  } catch {
    return false
  }
}

/**
 * The largest representable value at or below `value` and the smallest at or above it
 * (so wallets can round an amount or a fee before signing).
 *
 * @example
 * ```ts
 * nearestFloats(123456789n, FLOAT.FEE) // { below: 123000000n, above: 124000000n }
 * ```
 */
export function nearestFloats(value: bigint, format: FloatFormat): { below: bigint; above: bigint | undefined } {
  const maxMantissa = (1n << BigInt(format.mantissaBits)) - 1n
  const maxExponent = (1 << format.exponentBits) - 1
  const largest = maxMantissa * POW10[maxExponent]!
  if (value >= largest) return { below: largest, above: value === largest ? value : undefined }
  let exponent = 0
  while (value / POW10[exponent]! > maxMantissa) exponent++
  const unit = POW10[exponent]!
  const below = (value / unit) * unit
  const above = below === value ? value : below + unit
  return { below, above }
}

/** Encodes an L2 amount (5-bit exponent, 27-bit mantissa). @example encodeAmount(10n ** 18n) */
export const encodeAmount = (v: bigint): bigint => encodeFloat(v, FLOAT.AMOUNT, 'amount')
/** Decodes an L2 amount. @example decodeAmount(encodeAmount(7n)) // 7n */
export const decodeAmount = (p: bigint): bigint => decodeFloat(p, FLOAT.AMOUNT, 'amount')
/** Encodes an L2 fee (4-bit exponent, 9-bit mantissa). @example encodeFee(21_000n * 10n ** 9n) */
export const encodeFee = (v: bigint): bigint => encodeFloat(v, FLOAT.FEE, 'fee')
/** Decodes an L2 fee. @example decodeFee(encodeFee(500n)) // 500n */
export const decodeFee = (p: bigint): bigint => decodeFloat(p, FLOAT.FEE, 'fee')
