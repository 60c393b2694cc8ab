import { SequencerError } from './SequencerError.ts'

/** The JSON-RPC 2.0 error codes of the protocol itself, and EIP-1474's that this server uses. */
export const JSON_RPC_CODE = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** EIP-1474: resource unavailable (starting, stopping, store failure, timeout). */
  UNAVAILABLE: -32002,
  /** EIP-1474: limit exceeded (rate limit, batch length). */
  LIMIT_EXCEEDED: -32005,
  /** Block not found for a state query (as execution clients answer). */
  UNKNOWN_BLOCK: -39001,
  /** Historical state is not kept (execution-apis: "Pruned history unavailable"). */
  HISTORY_UNAVAILABLE: 4444,
} as const

/**
 * An error answered as a JSON-RPC error object `{ code, message, data? }`: malformed
 * requests, unknown methods, invalid params (the message names the field), limits.
 *
 * @example
 * ```ts
 * throw new RpcError({ rpcCode: JSON_RPC_CODE.INVALID_PARAMS, code: 'INVALID_PARAMS', message: 'params[0]: must be an address' })
 * ```
 */
export class RpcError extends SequencerError {
  override name = 'RpcError'
  readonly rpcCode: number
  readonly data: Readonly<Record<string, string | number | boolean>> | undefined
  constructor(params: { rpcCode: number; code: string; message: string; data?: Record<string, string | number | boolean> }) {
    super({ code: params.code, message: params.message, severity: 'refused' })
    this.rpcCode = params.rpcCode
    this.data = params.data
  }
}

/**
 * A parameter is missing, extra or malformed; the message names it and says what it must be.
 *
 * @example
 * ```ts
 * throw new InvalidParamsError('params[0] (address): must be a 20-byte hex address, got "0x12"')
 * ```
 */
export class InvalidParamsError extends RpcError {
  override name = 'InvalidParamsError'
  constructor(message: string) {
    super({ rpcCode: JSON_RPC_CODE.INVALID_PARAMS, code: 'INVALID_PARAMS', message: `invalid params: ${message}` })
  }
}
