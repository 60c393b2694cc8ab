import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { toQuantity } from '../../../rpc/hex.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'

/**
 * `eth_chainId` on the node: the L2 chain id (the L1 chain id unless configured otherwise).
 *
 * @example
 * ```ts
 * await client.getChainId() // 31337
 * ```
 */
export const nodeEthChainId: RpcMethod<NodeRpcContext> = {
  name: 'eth_chainId',
  summary: 'Chain id of this L2 (as the sequencer reports it).',
  params: [],
  required: 0,
  handler: (c) => toQuantity(c.l2ChainId),
}
