import { FIRST_ACCOUNT_INDEX } from '../constants.ts'
import { OutOfRangeError } from '../errors.ts'
import { poseidon2 } from '../hash.ts'
import { hashAccount, type Account } from './account.ts'
import { SparseMerkleTree } from './merkleTree.ts'
import { OverlayMap } from './overlayMap.ts'

/**
 * The state root committed on L1: `Poseidon(accountRoot, nextIndex)`, so that the next free
 * account index is part of the proven state.
 *
 * @example
 * ```ts
 * stateRoot({ accountRoot: tree.root, nextIndex: 1n })
 * ```
 */
export function stateRoot(params: { accountRoot: bigint; nextIndex: bigint }): bigint {
  return poseidon2(params.accountRoot, params.nextIndex)
}

/** A Merkle witness of one account: its content (undefined when empty) and siblings. */
export interface AccountWitness {
  index: bigint
  account: Account | undefined
  siblings: bigint[]
}

/**
 * The L2 state: the account tree, the accounts behind its leaves, the next free index and an
 * owner lookup. {@link fork} gives a copy-on-write child to build a chunk on; {@link commit}
 * writes it back in one step.
 *
 * @example
 * ```ts
 * const state = new RollupState({ depth: 8 })
 * const idx = state.allocate({ owner: 0xabcn, publicKey: NO_KEY, tokenId: 0n, balance: 5n, nonce: 0n })
 * state.get(idx)?.balance // 5n
 * ```
 */
export class RollupState {
  readonly depth: number
  readonly tree: SparseMerkleTree
  private readonly accounts: OverlayMap<bigint, Account>
  private readonly owned: OverlayMap<string, readonly bigint[]>
  private next: bigint
  private readonly parent: RollupState | undefined

  constructor(
    params: { depth: number },
    inner?: {
      tree: SparseMerkleTree
      accounts: OverlayMap<bigint, Account>
      owned: OverlayMap<string, readonly bigint[]>
      next: bigint
      parent: RollupState
    },
  ) {
    this.depth = params.depth
    this.tree = inner?.tree ?? new SparseMerkleTree({ depth: params.depth })
    this.accounts = inner?.accounts ?? new OverlayMap()
    this.owned = inner?.owned ?? new OverlayMap()
    this.next = inner?.next ?? FIRST_ACCOUNT_INDEX
    this.parent = inner?.parent
  }

  /** The next index a new account gets. */
  get nextIndex(): bigint {
    return this.next
  }

  get accountRoot(): bigint {
    return this.tree.root
  }

  /** `Poseidon(accountRoot, nextIndex)`: the root L1 records. */
  get root(): bigint {
    return stateRoot({ accountRoot: this.tree.root, nextIndex: this.next })
  }

  /** True when a new account can still be created. */
  get hasRoom(): boolean {
    return this.next < 1n << BigInt(this.depth)
  }

  /** The account at `index`, or undefined for an empty leaf or an index beyond the tree. */
  get(index: bigint): Account | undefined {
    if (index < 0n || index >= 1n << BigInt(this.depth)) return undefined
    return this.accounts.get(index)
  }

  /** Indices of the accounts `owner` holds for `tokenId`, ascending. */
  accountsOf(owner: bigint, tokenId: bigint): readonly bigint[] {
    return this.owned.get(`${owner}:${tokenId}`) ?? []
  }

  /** Every account index `owner` holds, any token, ascending. */
  indicesOf(owner: bigint): bigint[] {
    const out: bigint[] = []
    for (const [key, list] of this.owned.entries()) if (key.startsWith(`${owner}:`)) out.push(...list)
    return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  }

  /** Content and Merkle siblings of the leaf at `index`. */
  witness(index: bigint): AccountWitness {
    return { index, account: this.get(index), siblings: this.tree.proof(index) }
  }

  /** Replaces the account at an existing index and rehashes its leaf. */
  put(index: bigint, account: Account): void {
    const before = this.accounts.get(index)
    if (!before) throw new OutOfRangeError({ what: 'account index', value: index, limit: 'an existing account' })
    this.accounts.set(index, account)
    this.tree.set(index, hashAccount(account))
  }

  /** Creates `account` at the next free index and returns that index. */
  allocate(account: Account): bigint {
    if (!this.hasRoom) throw new OutOfRangeError({ what: 'next account index', value: this.next, limit: `below 2^${this.depth}` })
    const index = this.next
    this.accounts.set(index, account)
    this.tree.set(index, hashAccount(account))
    const key = `${account.owner}:${account.tokenId}`
    this.owned.set(key, [...(this.owned.get(key) ?? []), index])
    this.next = index + 1n
    return index
  }

  /** A copy-on-write child state. */
  fork(): RollupState {
    return new RollupState(
      { depth: this.depth },
      { tree: this.tree.fork(), accounts: this.accounts.fork(), owned: this.owned.fork(), next: this.next, parent: this },
    )
  }

  /** Writes a forked state's changes into its parent in one step. */
  commit(): void {
    if (!this.parent) throw new Error('cannot commit a state that is not a fork')
    this.tree.commit()
    this.accounts.commit()
    this.owned.commit()
    this.parent.next = this.next
  }

  /** Every account, ascending by index (for snapshots and tests). */
  *allAccounts(): IterableIterator<[bigint, Account]> {
    const all = [...this.accounts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    yield* all
  }
}
