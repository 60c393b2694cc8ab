import type { RollupState } from '../../../protocol/index.ts'
import { FinalizedNotAppliedError } from '../errors.ts'
import type { RollupNode } from '../rollupNode.ts'

/** Which state a read looks at: after every applied batch (`head`), or after the last finalized one. */
export type StateTag = 'head' | 'finalized'

const cache = new WeakMap<RollupNode, { key: string; state: RollupState; batch: bigint }>()

/**
 * The state a read looks at, and the batch it is the state after (0: genesis). The finalized
 * state is the head without the applied batches L1 has not finalized (their undo records);
 * it is what escape mode freezes. Throws {@link FinalizedNotAppliedError} when L1 finalized
 * a batch the node could not apply.
 *
 * @example
 * ```ts
 * const { state, batch } = stateAt(node, { at: 'finalized' })
 * ```
 */
export function stateAt(node: RollupNode, params: { at?: StateTag } = {}): { state: RollupState; batch: bigint } {
  const { store, state, undos } = node.context
  if ((params.at ?? 'head') === 'head') return { state: state.head, batch: store.lastApplied()?.number ?? 0n }
  const finalized = store.lastFinalized()
  if (finalized && finalized.status !== 'applied') {
    throw new FinalizedNotAppliedError({ batch: finalized.number, why: finalized.reason ? `${finalized.status}: ${finalized.reason}` : finalized.status })
  }
  const key = `${state.head.root}:${undos.map((u) => u.batch).join(',')}`
  const hit = cache.get(node)
  if (hit && hit.key === key) return hit
  const entry = { key, state: state.viewBefore(undos.map((u) => u.undo)), batch: finalized?.number ?? 0n }
  cache.set(node, entry)
  return entry
}
