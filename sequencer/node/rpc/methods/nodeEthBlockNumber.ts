import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { toQuantity } from '../../../rpc/hex.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { headBlockNumber } from '../nodeBlocks.ts'

/**
 * `eth_blockNumber` on the node: the last applied batch (one node block per applied batch).
 *
 * @example
 * ```ts
 * await client.getBlockNumber() // 12n: batch 12 is the last one applied
 * ```
 */
export const nodeEthBlockNumber: RpcMethod<NodeRpcContext> = {
  name: 'eth_blockNumber',
  summary: 'The last applied batch (one node block per applied batch).',
  params: [],
  required: 0,
  handler: (c) => toQuantity(headBlockNumber(c.node)),
}
