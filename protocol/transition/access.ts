import type { Account } from '../state/account.ts'
import type { RollupState } from '../state/rollupState.ts'
import type { AccessWitness } from './outcomes.ts'

/**
 * Reads the leaf at `index`, lets `change` decide its new content, writes it, and returns the
 * witness the circuit needs (content before and after, siblings before). `change` returns
 * the new account, or `undefined` to leave the leaf as it was. Writing to an empty leaf must
 * happen at `state.nextIndex` and allocates it.
 *
 * @example
 * ```ts
 * const w = accessAccount(state, 3n, (a) => a && { ...a, balance: a.balance + 1n })
 * ```
 */
export function accessAccount(
  state: RollupState,
  index: bigint,
  change: (before: Account | undefined) => Account | undefined,
): AccessWitness {
  const siblings = state.tree.proof(index)
  const before = state.get(index)
  const next = change(before)
  if (next === undefined || next === before) return { index, before, after: before, siblings }
  if (before === undefined) {
    if (index !== state.nextIndex) throw new Error(`new account must be created at ${state.nextIndex}, not ${index}`)
    state.allocate(next)
  } else {
    state.put(index, next)
  }
  return { index, before, after: next, siblings }
}

/**
 * The witness of an access that changes nothing: index 0, which is never allocated.
 *
 * @example
 * ```ts
 * unusedAccess(state).before // undefined
 * ```
 */
export function unusedAccess(state: RollupState): AccessWitness {
  return { index: 0n, before: undefined, after: undefined, siblings: state.tree.proof(0n) }
}

/**
 * True when `index` names an allocated account (1 <= index < nextIndex).
 *
 * @example
 * ```ts
 * exists(state, 0n) // false
 * ```
 */
export function exists(state: RollupState, index: bigint): boolean {
  return index > 0n && index < state.nextIndex && state.get(index) !== undefined
}

/** True when `index` is a position of the tree (below 2^depth). @example inTree(state, 5n) */
export function inTree(state: RollupState, index: bigint): boolean {
  return index >= 0n && index < 1n << BigInt(state.depth)
}
