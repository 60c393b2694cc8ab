import { JSON_RPC_CODE } from '../../errors/index.ts'
import type { JsonRpcError } from '../../rpc/handleJsonRpc.ts'
import { NodeError } from '../errors.ts'

/** EIP-1474 "resource not found": an exit, an account or a deposit the node does not have. */
export const RESOURCE_NOT_FOUND = -32001

/**
 * The JSON-RPC error of a node error: `NOT_FOUND` is -32001 (resource not found), every other
 * `NodeError` (`NOT_FINALIZED`, `FINALIZED_NOT_APPLIED`, a failing store...) -32002 (resource
 * unavailable); both with `data.reason` = the error's stable code. Anything else is left to
 * the JSON-RPC layer (undefined).
 *
 * @example
 * ```ts
 * nodeRpcError(new NotFinalizedError({ batch: 3n })) // { code: -32002, message: 'batch 3 is not finalized on L1 yet', data: { reason: 'NOT_FINALIZED' } }
 * ```
 */
export function nodeRpcError(e: unknown): JsonRpcError | undefined {
  if (!(e instanceof NodeError)) return undefined
  return { code: e.code === 'NOT_FOUND' ? RESOURCE_NOT_FOUND : JSON_RPC_CODE.UNAVAILABLE, message: e.message, data: { reason: e.code } }
}
