import { ETH_TOKEN_ID } from '../../../protocol/index.ts'
import type { RpcMethod } from '../RpcMethod.ts'
import { toQuantity } from '../hex.ts'
import { assertLatestState } from './blockRefs.ts'

/**
 * `eth_getBalance`: the ETH an L1 address holds on L2, the sum of the balances of its ETH
 * accounts (after every accepted transaction). Only the latest state is served.
 *
 * @example
 * ```ts
 * await client.getBalance({ address: '0xf39F…' }) // 10n ** 18n
 * ```
 */
export const ethGetBalance: RpcMethod = {
  name: 'eth_getBalance',
  summary: "ETH an L1 address holds on L2 (sum of its ETH accounts' balances), latest state only.",
  params: ['address', 'block'],
  required: 1,
  handler: (s, p) => {
    const owner = BigInt(p.address(0))
    assertLatestState(s, p.blockRef(1, true))
    let total = 0n
    for (const index of s.view.accountsOf(owner, ETH_TOKEN_ID)) total += s.view.get(index)!.balance
    return toQuantity(total)
  },
}
