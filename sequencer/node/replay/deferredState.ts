import { OutOfRangeError, RollupState, type Account, type OverlayMap } from '../../../protocol/index.ts'
import { DeferredTree } from './deferredTree.ts'

/** The maps a {@link DeferredState} is built over (the same ones protocol's `RollupState` takes). */
export interface DeferredStateMaps {
  tree: DeferredTree
  accounts: OverlayMap<bigint, Account>
  owned: OverlayMap<string, readonly bigint[]>
  next: bigint
  parent: RollupState
}

/**
 * A protocol `RollupState` for replay: its tree is a {@link DeferredTree} and `put` hands the
 * account to the tree instead of hashing its leaf at once, so an account written many times
 * in a batch is hashed once, when the root is read. Everything else (allocation, owner lists,
 * `fork`, `commit`) is protocol's; `fork()` gives another `DeferredState`.
 *
 * This is a replay-only variant of protocol's state and belongs in `protocol/` (a lazy-leaf
 * option of `RollupState`); `replayChunkFast.test.ts` checks it against `replayChunk`.
 *
 * @example
 * ```ts
 * const state = new DeferredState({ depth: 24 }, { tree: new DeferredTree({ depth: 24 }, nodes.fork()), accounts: accounts.fork(), owned: owned.fork(), next: head.nextIndex, parent: head })
 * const r = replayChunkFast({ state, ... })
 * ```
 */
export class DeferredState extends RollupState {
  private readonly maps: DeferredStateMaps

  constructor(params: { depth: number }, maps: DeferredStateMaps) {
    super(params, maps)
    this.maps = maps
  }

  /** Replaces the account at an existing index; its leaf is hashed at the next flush. */
  override put(index: bigint, account: Account): void {
    if (!this.maps.accounts.get(index)) throw new OutOfRangeError({ what: 'account index', value: index, limit: 'an existing account' })
    this.maps.accounts.set(index, account)
    this.maps.tree.setAccount(index, account)
  }

  override fork(): DeferredState {
    return new DeferredState(
      { depth: this.depth },
      { tree: this.maps.tree.fork(), accounts: this.maps.accounts.fork(), owned: this.maps.owned.fork(), next: this.nextIndex, parent: this },
    )
  }
}
