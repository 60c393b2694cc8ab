import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { nodeBlockJson } from '../format/nodeBlockJson.ts'
import { findNodeBlock } from '../nodeBlocks.ts'

/**
 * `eth_getBlockByNumber` on the node: the block of an applied batch (number = batch; `latest`
 * the last applied, `finalized`/`safe` the last finalized, `earliest` genesis), or null.
 *
 * @example
 * ```ts
 * await client.getBlock({ blockTag: 'finalized' })
 * ```
 */
export const nodeEthGetBlockByNumber: RpcMethod<NodeRpcContext> = {
  name: 'eth_getBlockByNumber',
  summary: 'The block of an applied batch by number or tag (no transactions: the node keeps none); null if unknown.',
  params: ['block', 'hydrated'],
  required: 1,
  handler: (c, p) => {
    const ref = p.blockRef(0, false)!
    if (p.has(1)) p.bool(1)
    const block = findNodeBlock(c.node, ref)
    return block ? nodeBlockJson(block) : null
  },
}
