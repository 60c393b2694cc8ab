import type { RollupNode } from '../rollupNode.ts'
import { stateAt, type StateTag } from './stateAt.ts'

/**
 * The state root (`Poseidon(accountRoot, nextIndex)`, what L1 records) of the head or of the
 * finalized state, with the batch it follows (0: genesis).
 *
 * @example
 * ```ts
 * const { root, batch } = getStateRoot(node, { at: 'finalized' })
 * ```
 */
export function getStateRoot(node: RollupNode, params: { at?: StateTag } = {}): { root: bigint; accountRoot: bigint; nextIndex: bigint; batch: bigint } {
  const { state, batch } = stateAt(node, params)
  return { root: state.root, accountRoot: state.accountRoot, nextIndex: state.nextIndex, batch }
}
