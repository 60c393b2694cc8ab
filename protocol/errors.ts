/**
 * The one base class of every error the protocol raises. Each subclass carries a stable,
 * literal `code` that other layers (RPC, CLI, SDK) map to their own error surfaces.
 *
 * @example
 * ```ts
 * try { decodeAmount(0xffffffffn) } catch (e) {
 *   if (e instanceof ProtocolError) console.log(e.code) // 'AMOUNT_NOT_REPRESENTABLE'
 * }
 * ```
 */
export class ProtocolError extends Error {
  override name = 'ProtocolError'
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.code = code
  }
}

/**
 * A value is outside the range its field allows (a field element at or above the modulus,
 * an amount at or above 2^128, an index beyond the tree).
 *
 * @example
 * ```ts
 * throw new OutOfRangeError({ what: 'amount', value: 2n ** 128n, limit: 'below 2^128' })
 * ```
 */
export class OutOfRangeError extends ProtocolError {
  override name = 'OutOfRangeError'
  constructor(params: { what: string; value: bigint | number; limit: string }) {
    super('OUT_OF_RANGE', `${params.what} ${params.value} is out of range: must be ${params.limit}`)
  }
}

/**
 * A value cannot be represented in a compact encoding (amount float, fee float, record width).
 *
 * @example
 * ```ts
 * throw new NotRepresentableError({ what: 'fee', value: 123456789n, hint: 'round to 3 significant digits' })
 * ```
 */
export class NotRepresentableError extends ProtocolError {
  override name = 'NotRepresentableError'
  constructor(params: { what: string; value: bigint; hint: string }) {
    super('NOT_REPRESENTABLE', `${params.what} ${params.value} cannot be encoded exactly: ${params.hint}`)
  }
}

/**
 * Bytes or field elements that do not decode: truncated, garbage, wrong version or layout.
 *
 * @example
 * ```ts
 * throw new DecodeError('blob field element 7 has a non-zero top byte')
 * ```
 */
export class DecodeError extends ProtocolError {
  override name = 'DecodeError'
  constructor(message: string) {
    super('DECODE_ERROR', message)
  }
}

/**
 * A point, key or signature that is malformed: off the curve, outside the prime-order
 * subgroup, or with S at or above the subgroup order.
 *
 * @example
 * ```ts
 * throw new InvalidPointError('public key is not on BabyJubJub')
 * ```
 */
export class InvalidPointError extends ProtocolError {
  override name = 'InvalidPointError'
  constructor(message: string) {
    super('INVALID_POINT', message)
  }
}
