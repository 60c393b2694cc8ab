import type { RpcMethod } from '../RpcMethod.ts'
import { toQuantity } from '../hex.ts'
import { assertLatestState } from './blockRefs.ts'

/**
 * `eth_getTransactionCount`: how many L2 transactions an L1 address's accounts have sent
 * (the sum of their nonces). To sign, use the account's own nonce (`rollup_getAccount`).
 *
 * @example
 * ```ts
 * await client.getTransactionCount({ address: '0xf39F…' }) // 3
 * ```
 */
export const ethGetTransactionCount: RpcMethod = {
  name: 'eth_getTransactionCount',
  summary: "L2 transactions sent by an L1 address's accounts (sum of their nonces), latest state only.",
  params: ['address', 'block'],
  required: 1,
  handler: (s, p) => {
    const owner = BigInt(p.address(0))
    assertLatestState(s, p.blockRef(1, true))
    let total = 0n
    for (const index of s.view.indicesOf(owner)) total += s.view.get(index)!.nonce
    return toQuantity(total)
  },
}
