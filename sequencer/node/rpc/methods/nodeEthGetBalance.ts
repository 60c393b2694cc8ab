import { ETH_TOKEN_ID } from '../../../../protocol/index.ts'
import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { toQuantity } from '../../../rpc/hex.ts'
import { getAccountsByOwner } from '../../read/getAccountsByOwner.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { stateTagOf } from '../nodeBlocks.ts'

/**
 * `eth_getBalance` on the node: the ETH an L1 address holds on L2 (the sum of its ETH
 * accounts), in the head (`latest`) or the finalized state (`finalized`, `safe`).
 *
 * @example
 * ```ts
 * await client.getBalance({ address: '0xf39F…', blockTag: 'finalized' })
 * ```
 */
export const nodeEthGetBalance: RpcMethod<NodeRpcContext> = {
  name: 'eth_getBalance',
  summary: "ETH an L1 address holds on L2 (sum of its ETH accounts' balances), head or finalized state.",
  params: ['address', 'block'],
  required: 1,
  handler: (c, p) => {
    const owner = p.address(0)
    const at = stateTagOf(c.node, p.blockRef(1, true))
    return toQuantity(getAccountsByOwner(c.node, { owner, tokenId: ETH_TOKEN_ID, at }).reduce((s, a) => s + a.balance, 0n))
  },
}
