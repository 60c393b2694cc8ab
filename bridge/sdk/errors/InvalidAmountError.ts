import { CounterweightError } from './CounterweightError.ts'

/**
 * An amount or fee cannot be sent as given: not exactly encodable in the rollup's compact
 * floats (`NOT_REPRESENTABLE`, with the nearest encodable values), or out of range
 * (`OUT_OF_RANGE`: negative, or 2^128 and above). Checked before signing.
 *
 * @example
 * ```ts
 * try { await client.transfer({ key, from: 1n, to: 2n, amount: 123456789123456789n }) } catch (e) {
 *   if (e instanceof InvalidAmountError) console.log(e.below, e.above)
 * }
 * ```
 */
export class InvalidAmountError extends CounterweightError {
  override name = 'InvalidAmountError' as const
  declare readonly code: 'NOT_REPRESENTABLE' | 'OUT_OF_RANGE'
  readonly field: 'amount' | 'fee'
  readonly below: bigint | undefined
  readonly above: bigint | undefined
  constructor(params: { code: 'NOT_REPRESENTABLE' | 'OUT_OF_RANGE'; field: 'amount' | 'fee'; value: bigint; below?: bigint; above?: bigint }) {
    const near = params.below === undefined ? '' : params.above === undefined ? `; the largest encodable value is ${params.below}` : `; the nearest encodable values are ${params.below} and ${params.above}`
    super({
      code: params.code,
      message: params.code === 'NOT_REPRESENTABLE' ? `${params.field} ${params.value} cannot be encoded exactly${near}` : `${params.field} ${params.value} is out of range (0 to 2^128 - 1)`,
      hint: params.code === 'NOT_REPRESENTABLE' ? `use one of the nearest encodable values for \`${params.field}\`.` : `pass a \`${params.field}\` between 0 and 2^128 - 1.`,
    })
    this.field = params.field
    this.below = params.below
    this.above = params.above
  }
}
