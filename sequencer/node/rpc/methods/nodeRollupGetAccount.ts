import { BITS } from '../../../../protocol/index.ts'
import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { getAccount } from '../../read/getAccount.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { stateTagOf } from '../nodeBlocks.ts'
import { accountViewJson } from '../format/accountViewJson.ts'

/**
 * `rollup_getAccount` on the node: an account by index in the head (after every applied
 * batch) or, with block `finalized`, in the finalized state; null if none.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getAccount', params: ['0x1', 'finalized'] })
 * ```
 */
export const nodeRollupGetAccount: RpcMethod<NodeRpcContext> = {
  name: 'rollup_getAccount',
  summary: 'An account by index (owner, token, balance, nonce, L2 key) in the head or the finalized state; null if none.',
  params: ['index', 'block'],
  required: 1,
  handler: (c, p) => {
    const index = p.quantity(0, BITS.INDEX)
    const at = stateTagOf(c.node, p.blockRef(1, true))
    const a = getAccount(c.node, { index, at })
    return a ? accountViewJson(a) : null
  },
}
