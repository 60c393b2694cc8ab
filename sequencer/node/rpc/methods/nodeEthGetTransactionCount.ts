import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { toQuantity } from '../../../rpc/hex.ts'
import { getAccountsByOwner } from '../../read/getAccountsByOwner.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { stateTagOf } from '../nodeBlocks.ts'

/**
 * `eth_getTransactionCount` on the node: the L2 transactions an L1 address's accounts have
 * sent (the sum of their nonces) in the head or the finalized state.
 *
 * @example
 * ```ts
 * await client.getTransactionCount({ address: '0xf39F…' })
 * ```
 */
export const nodeEthGetTransactionCount: RpcMethod<NodeRpcContext> = {
  name: 'eth_getTransactionCount',
  summary: "L2 transactions sent by an L1 address's accounts (sum of their nonces), head or finalized state.",
  params: ['address', 'block'],
  required: 1,
  handler: (c, p) => {
    const owner = p.address(0)
    const at = stateTagOf(c.node, p.blockRef(1, true))
    return toQuantity(getAccountsByOwner(c.node, { owner, at }).reduce((s, a) => s + a.nonce, 0n))
  },
}
