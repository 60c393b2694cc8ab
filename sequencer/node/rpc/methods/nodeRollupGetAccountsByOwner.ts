import { BITS } from '../../../../protocol/index.ts'
import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { getAccountsByOwner } from '../../read/getAccountsByOwner.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { accountViewJson } from '../format/accountViewJson.ts'
import { stateTagOf } from '../nodeBlocks.ts'

/**
 * `rollup_getAccountsByOwner` on the node: the accounts an L1 address owns, ascending by
 * index, all tokens or one, in the head or the finalized state.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getAccountsByOwner', params: ['0xf39F…', '0x0', 'finalized'] })
 * ```
 */
export const nodeRollupGetAccountsByOwner: RpcMethod<NodeRpcContext> = {
  name: 'rollup_getAccountsByOwner',
  summary: 'The accounts an L1 address owns (optionally of one token), ascending by index, head or finalized state.',
  params: ['owner', 'tokenId', 'block'],
  required: 1,
  handler: (c, p) => {
    const owner = p.address(0)
    const tokenId = p.has(1) ? p.quantity(1, BITS.TOKEN) : undefined
    const at = stateTagOf(c.node, p.blockRef(2, true))
    return getAccountsByOwner(c.node, { owner, at, ...(tokenId !== undefined ? { tokenId } : {}) }).map(accountViewJson)
  },
}
