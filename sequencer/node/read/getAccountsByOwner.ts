import { addressToBigint } from '../../../protocol/index.ts'
import type { Address } from 'viem'
import type { RollupNode } from '../rollupNode.ts'
import { accountView, type AccountView } from './accountView.ts'
import { stateAt, type StateTag } from './stateAt.ts'

/**
 * Every account `owner` holds (optionally only for `tokenId`), ascending by index.
 *
 * @example
 * ```ts
 * getAccountsByOwner(node, { owner: '0xf39F...', tokenId: 0n }).map((a) => a.balance)
 * ```
 */
export function getAccountsByOwner(node: RollupNode, params: { owner: Address; tokenId?: bigint; at?: StateTag }): AccountView[] {
  const { state } = stateAt(node, params)
  const owner = addressToBigint(params.owner)
  const indices = params.tokenId !== undefined ? [...state.accountsOf(owner, params.tokenId)] : (params.at ?? 'head') === 'head' ? node.context.store.indicesOf(owner) : state.indicesOf(owner)
  return indices.flatMap((i) => {
    const a = state.get(i)
    return a && i < state.nextIndex ? [accountView(i, a)] : []
  })
}
