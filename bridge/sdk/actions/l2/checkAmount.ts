import { BITS, FLOAT, isRepresentable, nearestFloats } from '../../../../protocol/index.ts'
import { InvalidAmountError } from '../../errors/InvalidAmountError.ts'

/**
 * Throws an {@link InvalidAmountError} (with the nearest encodable values) unless `value` can
 * be signed as an L2 `amount` or `fee`: in range and exactly encodable in the DA floats.
 *
 * @example
 * ```ts
 * checkAmount({ field: 'amount', value: 10n ** 18n }) // ok
 * checkAmount({ field: 'amount', value: 123456789123456789n }) // throws InvalidAmountError
 * ```
 */
export function checkAmount(params: { field: 'amount' | 'fee'; value: bigint }): void {
  const { field, value } = params
  if (value < 0n || value >= 1n << BigInt(BITS.AMOUNT)) throw new InvalidAmountError({ code: 'OUT_OF_RANGE', field, value })
  const format = field === 'amount' ? FLOAT.AMOUNT : FLOAT.FEE
  if (!isRepresentable(value, format)) {
    const { below, above } = nearestFloats(value, format)
    throw new InvalidAmountError({ code: 'NOT_REPRESENTABLE', field, value, below, ...(above !== undefined ? { above } : {}) })
  }
}
