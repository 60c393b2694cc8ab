import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'

/**
 * `net_version` on the node: the L2 chain id in decimal.
 *
 * @example
 * ```ts
 * await client.request({ method: 'net_version' }) // '31337'
 * ```
 */
export const nodeNetVersion: RpcMethod<NodeRpcContext> = {
  name: 'net_version',
  summary: 'Network id: the L2 chain id in decimal.',
  params: [],
  required: 0,
  handler: (c) => c.l2ChainId.toString(10),
}
