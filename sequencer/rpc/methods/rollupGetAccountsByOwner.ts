import { BITS } from '../../../protocol/index.ts'
import type { RpcMethod } from '../RpcMethod.ts'
import { accountToJson } from '../format/accountJson.ts'

/**
 * `rollup_getAccountsByOwner`: the accounts an L1 address owns, ascending by index, all
 * tokens or one.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getAccountsByOwner', params: ['0xf39F…', '0x0'] })
 * ```
 */
export const rollupGetAccountsByOwner: RpcMethod = {
  name: 'rollup_getAccountsByOwner',
  summary: 'The accounts an L1 address owns (optionally of one token), ascending by index.',
  params: ['owner', 'tokenId'],
  required: 1,
  handler: (s, p) => {
    const owner = BigInt(p.address(0))
    const indices = p.has(1) ? [...s.view.accountsOf(owner, p.quantity(1, BITS.TOKEN))] : s.view.indicesOf(owner)
    return indices.sort((a, b) => (a < b ? -1 : 1)).map((index) => accountToJson({ index, account: s.view.get(index)! }))
  },
}
