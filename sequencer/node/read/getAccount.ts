import type { RollupNode } from '../rollupNode.ts'
import { accountView, type AccountView } from './accountView.ts'
import { stateAt, type StateTag } from './stateAt.ts'

/**
 * The account at `index`, or undefined for an empty index. `at: 'finalized'` reads the state
 * after the last finalized batch instead of the head.
 *
 * @example
 * ```ts
 * const a = getAccount(node, { index: 3n })
 * a?.balance
 * ```
 */
export function getAccount(node: RollupNode, params: { index: bigint; at?: StateTag }): AccountView | undefined {
  const { state } = stateAt(node, params)
  const a = state.get(params.index)
  return a && params.index < state.nextIndex ? accountView(params.index, a) : undefined
}
