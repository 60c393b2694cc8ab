import { FIRST_ACCOUNT_INDEX, OverlayMap, type RollupState } from '../../protocol/index.ts'
import { StoreError } from '../errors/index.ts'
import { DeferredState, DeferredTree } from '../node/index.ts'

/**
 * The batcher's base state: `genesis`'s accounts in a node-style {@link DeferredState}, whose
 * tree hashes each touched node once when a root is read (the fast path of
 * `buildLogChunkFast`). Forks of it (the batcher's work state, each chunk's state) are
 * deferred too. It is a root state: fork it and commit the forks, never commit it.
 * Throws `STORE_CORRUPT` when the copy's root is not genesis's (accounts not contiguous from 1).
 *
 * @example
 * ```ts
 * const base = deferredBase({ genesis: new RollupState({ depth: 24 }) })
 * base.root === genesis.root // true
 * ```
 */
export function deferredBase(params: { genesis: RollupState }): DeferredState {
  const { genesis } = params
  const { depth } = genesis
  const state = new DeferredState({ depth }, { tree: new DeferredTree({ depth }), accounts: new OverlayMap(), owned: new OverlayMap(), next: FIRST_ACCOUNT_INDEX, parent: genesis })
  for (const [index, account] of genesis.allAccounts()) {
    if (index !== state.nextIndex) throw new StoreError({ code: 'STORE_CORRUPT', message: `the genesis state has account ${index} after ${state.nextIndex - 1n}: its accounts are not contiguous` })
    state.allocate(account)
  }
  if (state.root !== genesis.root) throw new StoreError({ code: 'STORE_CORRUPT', message: `the batcher's copy of the genesis state has root ${state.root}, genesis has ${genesis.root}` })
  return state
}
