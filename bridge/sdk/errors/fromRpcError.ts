import { NotClaimableError } from './NotClaimableError.ts'
import { REFUSAL_RPC_CODE, type RefusalCode } from '../../../sequencer/index.ts'
import { CounterweightError } from './CounterweightError.ts'
import { RpcMethodUnsupportedError } from './RpcMethodUnsupportedError.ts'
import { SequencerRpcError } from './SequencerRpcError.ts'
import { SequencerUnavailableError } from './SequencerUnavailableError.ts'
import { TransactionRefusedError } from './TransactionRefusedError.ts'

const REFUSAL_BY_RPC_CODE = new Map<number, RefusalCode>(Object.entries(REFUSAL_RPC_CODE).map(([k, v]) => [v, k as RefusalCode]))

/** The JSON-RPC error object `{ code, message, data }` inside a viem error (its cause chain), if any. */
function rpcErrorObject(e: unknown): { code: number; message: string; data?: unknown } | undefined {
  let found: { code: number; message: string; data?: unknown } | undefined
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 10; cur = (cur as { cause?: unknown }).cause, depth++) {
    const c = cur as { code?: unknown; message?: unknown; details?: unknown; data?: unknown }
    if (typeof c.code === 'number' && c.code !== -1) {
      const message = cur instanceof Error ? (typeof c.details === 'string' ? c.details : String(c.message)) : String(c.message)
      found = { code: c.code, message, ...(c.data !== undefined ? { data: c.data } : found?.data !== undefined ? { data: found.data } : {}) }
    }
  }
  return found
}

/**
 * The SDK error for a failed JSON-RPC call to the sequencer or a node, by the stable codes of
 * docs/rpc.md: a refusal (-38001..-38022, by `data.reason` or code) becomes a
 * {@link TransactionRefusedError}, -32002/-32005 and unreachable endpoints a
 * {@link SequencerUnavailableError}, -32601 a {@link RpcMethodUnsupportedError}, anything else a
 * {@link SequencerRpcError}. SDK errors pass through unchanged.
 *
 * @example
 * ```ts
 * try { await client.request({ method: 'rollup_getAccount', params: ['0x1'] }) } catch (e) { throw fromRpcError({ error: e, method: 'rollup_getAccount' }) }
 * ```
 */
export function fromRpcError(params: { error: unknown; method: string }): CounterweightError {
  const { error, method } = params
  if (error instanceof CounterweightError) return error
  const rpc = rpcErrorObject(error)
  if (!rpc) {
    const message = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error)
    return new SequencerUnavailableError({ code: 'UNREACHABLE', message: `${method}: ${message}`, cause: error })
  }
  const data = rpc.data && typeof rpc.data === 'object' ? (rpc.data as Record<string, unknown>) : undefined
  const reason = typeof data?.reason === 'string' && Object.hasOwn(REFUSAL_RPC_CODE, data.reason) ? (data.reason as RefusalCode) : REFUSAL_BY_RPC_CODE.get(rpc.code)
  if (reason) return new TransactionRefusedError({ code: reason, rpcCode: rpc.code, message: rpc.message, ...(data ? { data } : {}), cause: error })
  if (rpc.code === -32002) return new SequencerUnavailableError({ code: 'UNAVAILABLE', rpcCode: rpc.code, message: `${method}: ${rpc.message}`, cause: error })
  if (rpc.code === -32005) return new SequencerUnavailableError({ code: 'LIMIT_EXCEEDED', rpcCode: rpc.code, message: `${method}: ${rpc.message}`, cause: error })
  // -38100: a withdrawal proof asked for before the endpoint has seen the batch finalized (it
  // follows L1 a few confirmations behind): the same "not yet" as an unfinalized batch.
  if (rpc.code === -38100) return new NotClaimableError({ code: 'NOT_FINALIZED', stage: typeof data?.status === 'string' ? data.status : 'not finalized on the endpoint' })
  if (rpc.code === -32601) return new RpcMethodUnsupportedError({ method, message: rpc.message, cause: error })
  return new SequencerRpcError({ rpcCode: rpc.code, method, message: rpc.message, data: rpc.data, cause: error })
}
