import { FIRST_ACCOUNT_INDEX, OutOfRangeError, RollupState, type Account, type AccountWitness } from '../../protocol/index.ts'

const NO_TREE = 'AccountView keeps no Merkle tree: build chunks on a RollupState'

/**
 * The sequencer's pending state: the same accounts, owner lookup and next free index as a
 * {@link RollupState}, but without the Merkle tree, so that applying a transaction costs a
 * few map writes instead of two leaf hashes and `2 · depth` Poseidon hashes. It is a
 * `RollupState` (a subclass) so that the protocol's own rules (`checkDaTx`, `applyDaTx`,
 * `applyQueueEntry`) run on it unchanged; what needs the tree (`root`, `witness`, `fork`,
 * `commit`) throws. `AccountView.test.ts` checks it stays equal to a real `RollupState`
 * under random transactions and queue entries.
 *
 * @example
 * ```ts
 * const view = AccountView.fromState(genesis)
 * applyDaTx({ state: view, tx: da, exitPosition: 0 }) // balances and nonces move, no hashing
 * view.get(1n)?.nonce
 * ```
 */
export class AccountView extends RollupState {
  private readonly byIndex = new Map<bigint, Account>()
  private readonly byOwnerToken = new Map<string, bigint[]>()
  private readonly byOwner = new Map<bigint, bigint[]>()
  private nextFree: bigint = FIRST_ACCOUNT_INDEX

  constructor(params: { depth: number }) {
    super(params)
  }

  /**
   * A view holding the accounts and next index of `state`.
   *
   * @example
   * ```ts
   * const view = AccountView.fromState(new RollupState({ depth: 8 }))
   * ```
   */
  static fromState(state: RollupState): AccountView {
    const view = new AccountView({ depth: state.depth })
    for (const [index, account] of state.allAccounts()) view.insert(index, account)
    view.nextFree = state.nextIndex
    return view
  }

  override get nextIndex(): bigint {
    return this.nextFree
  }

  override get hasRoom(): boolean {
    return this.nextFree < 1n << BigInt(this.depth)
  }

  override get(index: bigint): Account | undefined {
    return this.byIndex.get(index)
  }

  override accountsOf(owner: bigint, tokenId: bigint): readonly bigint[] {
    return this.byOwnerToken.get(`${owner}:${tokenId}`) ?? []
  }

  override indicesOf(owner: bigint): bigint[] {
    return [...(this.byOwner.get(owner) ?? [])]
  }

  override put(index: bigint, account: Account): void {
    if (!this.byIndex.has(index)) throw new OutOfRangeError({ what: 'account index', value: index, limit: 'an existing account' })
    this.byIndex.set(index, account)
  }

  override allocate(account: Account): bigint {
    if (!this.hasRoom) throw new OutOfRangeError({ what: 'next account index', value: this.nextFree, limit: `below 2^${this.depth}` })
    const index = this.nextFree
    this.insert(index, account)
    this.nextFree = index + 1n
    return index
  }

  override *allAccounts(): IterableIterator<[bigint, Account]> {
    yield* [...this.byIndex.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }

  /** Number of accounts. */
  get size(): number {
    return this.byIndex.size
  }

  override get root(): bigint {
    throw new Error(NO_TREE)
  }

  override get accountRoot(): bigint {
    throw new Error(NO_TREE)
  }

  override witness(_index: bigint): AccountWitness {
    throw new Error(NO_TREE)
  }

  override fork(): RollupState {
    throw new Error(NO_TREE)
  }

  override commit(): void {
    throw new Error(NO_TREE)
  }

  private insert(index: bigint, account: Account): void {
    this.byIndex.set(index, account)
    const key = `${account.owner}:${account.tokenId}`
    const list = this.byOwnerToken.get(key)
    if (list) list.push(index)
    else this.byOwnerToken.set(key, [index])
    const all = this.byOwner.get(account.owner)
    if (all) all.push(index)
    else this.byOwner.set(account.owner, [index])
  }
}
