import { BITS } from '../../../protocol/index.ts'
import type { RpcMethod } from '../RpcMethod.ts'
import { accountToJson } from '../format/accountJson.ts'

/**
 * `rollup_getAccount`: an account by index after every accepted transaction (its `nonce` is
 * the one to sign next), or null.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getAccount', params: ['0x1'] }) // { index, owner, tokenId, balance, nonce, publicKey }
 * ```
 */
export const rollupGetAccount: RpcMethod = {
  name: 'rollup_getAccount',
  summary: 'An account by index (owner, token, balance, next nonce, L2 key) after every accepted transaction; null if none.',
  params: ['index'],
  required: 1,
  handler: (s, p) => {
    const index = p.quantity(0, BITS.INDEX)
    const account = s.view.get(index)
    return account ? accountToJson({ index, account }) : null
  },
}
