import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { nodeBlockJson } from '../format/nodeBlockJson.ts'
import { findNodeBlock } from '../nodeBlocks.ts'

/**
 * `eth_getBlockByHash` on the node: the block of an applied batch by hash, or null.
 *
 * @example
 * ```ts
 * await client.getBlock({ blockHash: '0x…' })
 * ```
 */
export const nodeEthGetBlockByHash: RpcMethod<NodeRpcContext> = {
  name: 'eth_getBlockByHash',
  summary: 'The block of an applied batch by hash; null if unknown.',
  params: ['blockHash', 'hydrated'],
  required: 1,
  handler: (c, p) => {
    const hash = p.hash32(0)
    if (p.has(1)) p.bool(1)
    const block = findNodeBlock(c.node, { hash })
    return block ? nodeBlockJson(block) : null
  },
}
