import { CounterweightError } from './CounterweightError.ts'

/**
 * Any other JSON-RPC error of the sequencer or node: invalid params (`INVALID_PARAMS`, -32602,
 * the message names the field), unknown block (-39001), history not kept (4444), internal
 * error (-32603), or a code the SDK does not know.
 *
 * @example
 * ```ts
 * try { await client.getAccount({ index: 1n }) } catch (e) {
 *   if (e instanceof SequencerRpcError) console.log(e.rpcCode, e.shortMessage)
 * }
 * ```
 */
export class SequencerRpcError extends CounterweightError {
  override name = 'SequencerRpcError' as const
  declare readonly code: 'INVALID_PARAMS' | 'UNKNOWN_BLOCK' | 'HISTORY_UNAVAILABLE' | 'NOT_FOUND' | 'INTERNAL_ERROR' | 'RPC_ERROR'
  readonly rpcCode: number
  readonly data: unknown
  constructor(params: { rpcCode: number; method: string; message: string; data?: unknown; cause?: unknown }) {
    const [code, hint] = classify(params.rpcCode)
    super({ code, message: `${params.method}: ${params.message}`, hint, cause: params.cause })
    this.rpcCode = params.rpcCode
    this.data = params.data
  }
}

function classify(rpcCode: number): [SequencerRpcError['code'], string] {
  switch (rpcCode) {
    case -32602:
      return ['INVALID_PARAMS', 'fix the parameter the message names; this is a bug in the caller or an SDK/sequencer version mismatch.']
    case -39001:
      return ['UNKNOWN_BLOCK', 'ask about `latest` or a block the endpoint has.']
    case 4444:
      return ['HISTORY_UNAVAILABLE', 'the sequencer keeps only the latest state: ask about `latest`, or ask a node.']
    case -32001:
      return ['NOT_FOUND', 'check the batch, chunk or position, or wait until the endpoint has followed L1 that far.']
    case -32603:
      return ['INTERNAL_ERROR', 'retry later; if it persists, report it to the operator (the sequencer logged it).']
    default:
      return ['RPC_ERROR', 'see the message; retry later if the endpoint was busy.']
  }
}
