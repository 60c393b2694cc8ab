import type { Sequencer } from '../createSequencer.ts'
import type { Params } from './Params.ts'

/**
 * One JSON-RPC method: its name, a one-line summary (for docs), its positional parameter
 * names (the first `required` are required) and its handler. The handler reads its params
 * through {@link Params} (so bad params are `-32602` errors naming the field) and returns
 * the JSON result. `C` is what the handler serves from: the sequencer by default, the node's
 * context for the node's methods (see `RpcBackend`).
 *
 * @example
 * ```ts
 * export const ethChainId: RpcMethod = { name: 'eth_chainId', summary: '…', params: [], required: 0, handler: (s) => toQuantity(s.config.l2ChainId) }
 * ```
 */
export interface RpcMethod<C = Sequencer> {
  name: string
  summary: string
  params: readonly string[]
  required: number
  handler(context: C, params: Params): unknown
}
