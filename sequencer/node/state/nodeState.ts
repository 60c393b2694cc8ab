import { RollupState, SparseMerkleTree, type Account, type OverlayMap } from '../../../protocol/index.ts'
import { DeferredState } from '../replay/deferredState.ts'
import { DeferredTree } from '../replay/deferredTree.ts'
import { RootMap } from './rootMap.ts'

/** What applying one batch changed: the new values, to persist. */
export interface StateDiff {
  nextIndex: bigint
  nodes: [number, bigint][]
  accounts: [bigint, Account][]
}

/** What a batch overwrote: the values before it (undefined where there was none), to revert it. */
export interface StateUndo {
  nextIndex: bigint
  nodes: [number, bigint | undefined][]
  accounts: [bigint, Account | undefined][]
}

/** A batch being replayed on top of the head: commit it with {@link NodeState.apply}. */
export interface BatchLayer {
  /** A {@link DeferredState} over forks of the head's maps. */
  readonly state: RollupState
  readonly nodes: OverlayMap<number, bigint>
  readonly accounts: OverlayMap<bigint, Account>
  readonly owned: OverlayMap<string, readonly bigint[]>
}

/**
 * The node's L2 state in memory: tree nodes, accounts and owner lists in {@link RootMap}s,
 * seen through protocol's `RollupState` (`head`). A batch is replayed on a {@link BatchLayer}
 * (forks of the maps, with a fast {@link DeferredTree}); {@link changes} says what to persist
 * and how to undo it, {@link commit} writes it into the head; {@link revert} undoes it; {@link viewBefore}
 * shows the state before some batches (the finalized state, which escape mode freezes).
 *
 * @example
 * ```ts
 * const s = new NodeState({ depth: 24 })
 * const layer = s.beginBatch()
 * // replay chunks on layer.state, committing each chunk's fork into it
 * const { diff, undo } = s.apply(layer)
 * s.revert(undo) // back to where it was
 * ```
 */
export class NodeState {
  readonly depth: number
  private readonly nodes: RootMap<number, bigint>
  private readonly accounts: RootMap<bigint, Account>
  private readonly owned: RootMap<string, readonly bigint[]>
  private current: RollupState

  constructor(params: { depth: number; nodes?: Iterable<readonly [number, bigint]>; accounts?: Iterable<readonly [bigint, Account]>; nextIndex?: bigint }) {
    this.depth = params.depth
    this.nodes = new RootMap(params.nodes)
    this.accounts = new RootMap(params.accounts)
    this.owned = new RootMap(ownerLists(this.accounts.entries()))
    this.current = this.stateOver({ nodes: this.nodes, accounts: this.accounts, owned: this.owned, nextIndex: params.nextIndex ?? 1n })
  }

  /** The state after every applied batch, with real Merkle proofs. */
  get head(): RollupState {
    return this.current
  }

  /** Number of stored tree nodes (leaves included). */
  get nodeCount(): number {
    return this.nodes.size
  }

  /** A layer to replay the next batch on; drop it to forget the batch. */
  beginBatch(): BatchLayer {
    const nodes = this.nodes.fork()
    const accounts = this.accounts.fork()
    const owned = this.owned.fork()
    const state = new DeferredState(
      { depth: this.depth },
      { tree: new DeferredTree({ depth: this.depth }, nodes), accounts, owned, next: this.current.nextIndex, parent: this.current },
    )
    return { state, nodes, accounts, owned }
  }

  /**
   * What a replayed batch changes (the new values, to persist) and what it overwrites (to
   * {@link revert} it later). Hashes the layer's pending tree nodes; changes nothing in the
   * head. Then persist, then {@link commit}.
   */
  changes(layer: BatchLayer): { diff: StateDiff; undo: StateUndo } {
    void layer.state.root // flushes the deferred tree
    const diff: StateDiff = { nextIndex: layer.state.nextIndex, nodes: [...layer.nodes.ownEntries()], accounts: [...layer.accounts.ownEntries()] }
    const undo: StateUndo = {
      nextIndex: this.current.nextIndex,
      nodes: diff.nodes.map(([k]) => [k, this.nodes.get(k)]),
      accounts: diff.accounts.map(([k]) => [k, this.accounts.get(k)]),
    }
    return { diff, undo }
  }

  /** Writes a replayed batch into the head. The layer must be the last one begun. */
  commit(layer: BatchLayer): void {
    layer.state.commit()
  }

  /** {@link changes}, then {@link commit}. */
  apply(layer: BatchLayer): { diff: StateDiff; undo: StateUndo } {
    const c = this.changes(layer)
    this.commit(layer)
    return c
  }

  /** Undoes one applied batch (the last one applied and not yet reverted). */
  revert(undo: StateUndo): void {
    for (const [k, v] of undo.nodes) if (v === undefined) this.nodes.delete(k); else this.nodes.set(k, v)
    for (const [index, before] of undo.accounts) {
      const now = this.accounts.get(index)
      if (before === undefined) {
        this.accounts.delete(index)
        if (now) {
          const key = ownerKey(now)
          const rest = (this.owned.get(key) ?? []).filter((i) => i !== index)
          if (rest.length) this.owned.set(key, rest)
          else this.owned.delete(key)
        }
      } else {
        this.accounts.set(index, before)
      }
    }
    this.current = this.stateOver({ nodes: this.nodes, accounts: this.accounts, owned: this.owned, nextIndex: undo.nextIndex })
  }

  /**
   * The state as it was before the batches whose undos are given (oldest first): with the
   * undos of every applied but unfinalized batch, the finalized state. A read-only view.
   */
  viewBefore(undos: readonly StateUndo[]): RollupState {
    if (undos.length === 0) return this.current
    const nodes = this.nodes.fork()
    const accounts = this.accounts.fork()
    const owned = this.owned.fork()
    const removed = new Set<bigint>()
    for (let i = undos.length - 1; i >= 0; i--) {
      for (const [k, v] of undos[i]!.nodes) nodes.set(k, v as bigint)
      for (const [k, v] of undos[i]!.accounts) {
        accounts.set(k, v as Account)
        if (v === undefined) removed.add(k)
        else removed.delete(k)
      }
    }
    for (const index of removed) {
      const a = this.accounts.get(index)
      if (!a) continue
      const key = ownerKey(a)
      owned.set(key, (owned.get(key) ?? []).filter((i) => i !== index))
    }
    return this.stateOver({ nodes, accounts, owned, nextIndex: undos[0]!.nextIndex })
  }

  private stateOver(maps: { nodes: OverlayMap<number, bigint>; accounts: OverlayMap<bigint, Account>; owned: OverlayMap<string, readonly bigint[]>; nextIndex: bigint }): RollupState {
    // `RollupState` wants a parent for `commit()`; the head is never committed (its maps are
    // roots and refuse), so any detached state will do.
    return new RollupState(
      { depth: this.depth },
      { tree: new SparseMerkleTree({ depth: this.depth }, maps.nodes), accounts: maps.accounts, owned: maps.owned, next: maps.nextIndex, parent: detached(this.depth) },
    )
  }
}

function ownerKey(a: Pick<Account, 'owner' | 'tokenId'>): string {
  return `${a.owner}:${a.tokenId}`
}

/** Owner lists (`owner:tokenId` -> ascending indices), as `RollupState.allocate` keeps them. */
function ownerLists(accounts: Iterable<[bigint, Account]>): [string, readonly bigint[]][] {
  const lists = new Map<string, bigint[]>()
  for (const [index, a] of accounts) {
    const key = ownerKey(a)
    const list = lists.get(key)
    if (list) list.push(index)
    else lists.set(key, [index])
  }
  for (const list of lists.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return [...lists]
}

const detachedByDepth = new Map<number, RollupState>()
function detached(depth: number): RollupState {
  let s = detachedByDepth.get(depth)
  if (!s) detachedByDepth.set(depth, (s = new RollupState({ depth })))
  return s
}
