import { CounterweightError } from './CounterweightError.ts'

/**
 * The endpoint does not serve a JSON-RPC method the action needs (JSON-RPC -32601): e.g.
 * `rollup_getWithdrawalProof` on a sequencer without a batcher, or `rollup_getEscapeProof` on
 * a sequencer instead of a node.
 *
 * @example
 * ```ts
 * try { await client.getWithdrawalProof({ batch: 1n, chunk: 0n, position: 5n }) } catch (e) {
 *   if (e instanceof RpcMethodUnsupportedError) console.log(e.method)
 * }
 * ```
 */
export class RpcMethodUnsupportedError extends CounterweightError {
  override name = 'RpcMethodUnsupportedError' as const
  declare readonly code: 'METHOD_UNSUPPORTED'
  readonly method: string
  constructor(params: { method: string; message: string; cause?: unknown }) {
    super({
      code: 'METHOD_UNSUPPORTED',
      message: `the endpoint does not serve ${params.method}: ${params.message}`,
      hint: `point this client at an endpoint that serves ${params.method} (a node serves the proof methods; a newer sequencer may too).`,
      cause: params.cause,
    })
    this.method = params.method
  }
}
