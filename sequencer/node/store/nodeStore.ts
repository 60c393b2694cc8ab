import Database from 'better-sqlite3'
import { getAddress, type Address, type Hex } from 'viem'
import { queueEntryFromFields, type Account, type ChunkParams, type ExitLeaf, type L2Tx, type QueueEntry, type QueueEntryFields } from '../../../protocol/index.ts'
import { L1InconsistencyError, StoreMismatchError, type NodeErrorSeverity } from '../errors.ts'
import type { BlockInfo } from '../l1/l1Reader.ts'
import type { BatchEvent, ChunkEvent, QueueEvent } from '../l1/rollupEvent.ts'
import type { ReplayedBatch, ReplayChecks } from '../replay/replayBatch.ts'
import type { StateDiff, StateUndo } from '../state/nodeState.ts'
import { accountFromJson, accountFromRow, accountToJson, accountToRow, fromHex, nodeFromBytes, nodeToBytes, toHex, type AccountRow } from './codec.ts'
import { NODE_STORE_SCHEMA, NODE_STORE_VERSION } from './schema.ts'

/** The deployment a store belongs to; a store opened for another one is refused. */
export interface StoreIdentity {
  chainId: number
  rollup: Address
  params: ChunkParams
  domain: bigint
  genesisStateRoot: bigint
  /** First L1 block the node reads (the rollup's deployment block). */
  fromBlock: bigint
}

/**
 * Where a committed batch stands in the node:
 * - `waiting`: recorded, not applied yet (an earlier batch is not applied, or not tried yet);
 * - `applied`: replayed to its claims; its changes are in the state;
 * - `unavailable`: its data could not be found (asked again on every sync);
 * - `rejected`: its data cannot be the rollup's (reported; never applied; later batches wait
 *   until L1 reverts it).
 */
export type BatchStatus = 'waiting' | 'applied' | 'unavailable' | 'rejected'

/** A committed batch as the node keeps it. */
export interface StoredBatch {
  number: bigint
  status: BatchStatus
  finalized: boolean
  block: bigint
  blockHash: Hex
  blockTime: bigint
  txHash: Hex
  committer: Address
  dataHash: Hex
  calldataDA: boolean
  chunkCount: number
  queueEnd: bigint
  stateRoot: bigint
  /** Set once applied. */
  queueStart: bigint | undefined
  firstSeq: bigint | undefined
  txCount: number | undefined
  checks: ReplayChecks | undefined
  /** Why it is unavailable or rejected. */
  reason: string | undefined
  message: string | undefined
}

/** A chunk of a committed batch: its public inputs, and once applied what it held. */
export interface StoredChunk {
  batch: bigint
  chunk: number
  publicInputs: bigint[]
  queueCount: number | undefined
  firstSeq: bigint | undefined
  txCount: number | undefined
}

/** One L2 transaction of an applied chunk (table `chunk_txs`). */
export interface StoredChunkTx {
  seq: bigint
  batch: bigint
  chunk: number
  /** Its first record slot in the chunk (the position of its tx-list leaf). */
  slot: number
  /** The signed transaction it stands for (protocol's `daTxToL2Tx`). */
  tx: L2Tx
  /** protocol's `txHash`; undefined until first computed (batches applied with `proven` checks). */
  hash: bigint | undefined
}

/** A queue entry from L1. */
export interface StoredQueueEntry {
  position: bigint
  fields: QueueEntryFields
  entry: QueueEntry
  /** Chain value after this entry. */
  queueHash: bigint
  timestamp: bigint
  block: bigint
  txHash: Hex
}

/** Something the operator should know, about a batch or not. */
export interface NodeReport {
  id: number
  batch: bigint | undefined
  chunk: number | undefined
  code: string
  reason: string | undefined
  severity: NodeErrorSeverity | 'warning'
  message: string
  l1Block: bigint | undefined
}

type Row = Record<string, unknown>

function chunkTxFromRow(r: Row): StoredChunkTx {
  return { seq: BigInt(r.seq as number), batch: BigInt(r.batch as number), chunk: r.chunk as number, slot: r.slot as number, tx: l2TxFromText(r.tx as string), hash: r.hash === null ? undefined : fromHex(r.hash as string) }
}

/** An L2 transaction as stored: JSON with every number but `type` in hex. */
function l2TxToText(tx: L2Tx): string {
  return JSON.stringify(tx, (k, v: unknown) => (typeof v === 'bigint' ? toHex(v) : v))
}

function l2TxFromText(s: string): L2Tx {
  return JSON.parse(s, (k, v: unknown) => (k !== 'type' && typeof v === 'string' ? fromHex(v) : v)) as L2Tx
}

/**
 * The node's own store (better-sqlite3, WAL, `synchronous = NORMAL`: a power cut may lose the
 * last transactions but never leaves a half-written one, and the node re-reads from L1 what it
 * lost). Every change that belongs together is one transaction: a batch's state changes, undo
 * rows and chunk results; an L1 transaction's events and the cursor after them. See
 * `schema.ts` for the tables.
 *
 * @example
 * ```ts
 * const store = NodeStore.open({ path: 'node.sqlite', identity })
 * const { nodes, accounts, nextIndex } = store.loadState()
 * ```
 */
export class NodeStore {
  readonly db: Database.Database
  readonly identity: StoreIdentity
  private readonly st: Record<string, Database.Statement>

  private constructor(db: Database.Database, identity: StoreIdentity) {
    this.db = db
    this.identity = identity
    const prep = (sql: string) => db.prepare(sql)
    this.st = {
      getMeta: prep('SELECT value FROM meta WHERE key = ?'),
      setMeta: prep('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      putNode: prep('INSERT INTO nodes (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      delNode: prep('DELETE FROM nodes WHERE key = ?'),
      putAccount: prep(
        'INSERT INTO accounts (idx, owner, token, balance, nonce, pkx, pky) VALUES (@idx, @owner, @token, @balance, @nonce, @pkx, @pky) ON CONFLICT (idx) DO UPDATE SET owner = excluded.owner, token = excluded.token, balance = excluded.balance, nonce = excluded.nonce, pkx = excluded.pkx, pky = excluded.pky',
      ),
      delAccount: prep('DELETE FROM accounts WHERE idx = ?'),
      putUndoNode: prep('INSERT OR REPLACE INTO undo_nodes (batch, key, value) VALUES (?, ?, ?)'),
      putUndoAccount: prep('INSERT OR REPLACE INTO undo_accounts (batch, idx, account) VALUES (?, ?, ?)'),
      putQueue: prep(
        'INSERT INTO queue (position, kind, sender, idx, token, to_idx, amount, pkx, pky, queue_hash, timestamp, block, tx_hash) VALUES (@position, @kind, @sender, @idx, @token, @to_idx, @amount, @pkx, @pky, @queue_hash, @timestamp, @block, @tx_hash)',
      ),
      getQueue: prep('SELECT * FROM queue WHERE position = ?'),
      queueRange: prep('SELECT * FROM queue WHERE position >= ? AND position < ? ORDER BY position'),
      queueLength: prep('SELECT COALESCE(MAX(position) + 1, 0) AS n FROM queue'),
      putBatch: prep(
        'INSERT INTO batches (number, status, block, block_hash, block_time, tx_hash, committer, data_hash, calldata, chunk_count, queue_end, state_root) VALUES (@number, @status, @block, @block_hash, @block_time, @tx_hash, @committer, @data_hash, @calldata, @chunk_count, @queue_end, @state_root)',
      ),
      putChunk: prep('INSERT OR REPLACE INTO chunks (batch, chunk, public_inputs) VALUES (?, ?, ?)'),
      getBatch: prep('SELECT * FROM batches WHERE number = ?'),
      listBatches: prep('SELECT * FROM batches WHERE number >= ? ORDER BY number LIMIT ?'),
      firstNotApplied: prep("SELECT * FROM batches WHERE status != 'applied' ORDER BY number LIMIT 1"),
      lastApplied: prep("SELECT * FROM batches WHERE status = 'applied' ORDER BY number DESC LIMIT 1"),
      lastBatch: prep('SELECT * FROM batches ORDER BY number DESC LIMIT 1'),
      lastFinalized: prep('SELECT * FROM batches WHERE finalized = 1 ORDER BY number DESC LIMIT 1'),
      setStatus: prep('UPDATE batches SET status = ?, reason = ?, message = ? WHERE number = ?'),
      setApplied: prep(
        "UPDATE batches SET status = 'applied', queue_start = ?, first_seq = ?, tx_count = ?, checks = ?, reason = NULL, message = NULL WHERE number = ?",
      ),
      setChunkResult: prep('UPDATE chunks SET queue_count = ?, first_seq = ?, tx_count = ? WHERE batch = ? AND chunk = ?'),
      putExit: prep('INSERT OR REPLACE INTO exits (batch, chunk, position, recipient, token, amount) VALUES (?, ?, ?, ?, ?, ?)'),
      getChunks: prep('SELECT * FROM chunks WHERE batch = ? ORDER BY chunk'),
      getExits: prep('SELECT * FROM exits WHERE batch = ? AND chunk = ? ORDER BY position'),
      setFinalized: prep('UPDATE batches SET finalized = 1 WHERE number = ?'),
      undoNodesOf: prep('SELECT key, value FROM undo_nodes WHERE batch = ?'),
      undoAccountsOf: prep('SELECT idx, account FROM undo_accounts WHERE batch = ?'),
      dropUndoNodes: prep('DELETE FROM undo_nodes WHERE batch <= ?'),
      dropUndoAccounts: prep('DELETE FROM undo_accounts WHERE batch <= ?'),
      dropUndoNodesOf: prep('DELETE FROM undo_nodes WHERE batch = ?'),
      dropUndoAccountsOf: prep('DELETE FROM undo_accounts WHERE batch = ?'),
      delBatchesFrom: prep('DELETE FROM batches WHERE number >= ?'),
      delChunksFrom: prep('DELETE FROM chunks WHERE batch >= ?'),
      delExitsFrom: prep('DELETE FROM exits WHERE batch >= ?'),
      delExitsOf: prep('DELETE FROM exits WHERE batch = ?'),
      putChunkTx: prep('INSERT OR REPLACE INTO chunk_txs (seq, batch, chunk, slot, tx, hash) VALUES (?, ?, ?, ?, ?, ?)'),
      setChunkTxHash: prep('UPDATE chunk_txs SET hash = ? WHERE seq = ?'),
      delChunkTxsOf: prep('DELETE FROM chunk_txs WHERE batch = ?'),
      delChunkTxsFrom: prep('DELETE FROM chunk_txs WHERE batch >= ?'),
      chunkTxAt: prep('SELECT * FROM chunk_txs WHERE seq = ?'),
      chunkTxsOf: prep('SELECT * FROM chunk_txs WHERE batch = ? AND chunk = ? ORDER BY seq'),
      appliedUnfinalized: prep("SELECT number FROM batches WHERE status = 'applied' AND finalized = 0 ORDER BY number"),
      addReport: prep('INSERT INTO reports (batch, chunk, code, reason, severity, message, l1_block) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      reports: prep('SELECT * FROM reports WHERE id > ? ORDER BY id LIMIT ?'),
      indicesOf: prep('SELECT idx FROM accounts WHERE owner = ? ORDER BY idx'),
      putL1Block: prep('INSERT INTO l1_blocks (number, hash, irreversible) VALUES (?, ?, ?) ON CONFLICT (number) DO UPDATE SET hash = excluded.hash, irreversible = MAX(irreversible, excluded.irreversible)'),
      l1BlocksDown: prep('SELECT number, hash, irreversible FROM l1_blocks WHERE number <= ? ORDER BY number DESC'),
      l1BlockHash: prep('SELECT hash FROM l1_blocks WHERE number = ?'),
      delL1BlocksAfter: prep('DELETE FROM l1_blocks WHERE number > ?'),
      delQueueAfterBlock: prep('DELETE FROM queue WHERE block > ?'),
      batchesAfterBlock: prep('SELECT * FROM batches WHERE block > ? ORDER BY number'),
    }
  }

  /**
   * Opens (or creates) the store at `path` (`':memory:'` for tests) for `identity`; throws
   * {@link StoreMismatchError} when it was created for another deployment or store version.
   *
   * @example
   * ```ts
   * const store = NodeStore.open({ path: './node.sqlite', identity: { chainId, rollup, params, domain, genesisStateRoot, fromBlock } })
   * ```
   */
  static open(params: { path: string; identity: StoreIdentity }): NodeStore {
    const db = new Database(params.path)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.exec(NODE_STORE_SCHEMA)
    const store = new NodeStore(db, params.identity)
    const want = identityText(params.identity)
    const have = store.meta('identity')
    if (have === undefined) {
      store.setMeta('identity', want)
      store.setMeta('version', String(NODE_STORE_VERSION))
    } else if (have !== want) {
      db.close()
      throw new StoreMismatchError({ message: `store ${params.path} belongs to ${have}, not to ${want}` })
    } else if (store.meta('version') !== String(NODE_STORE_VERSION)) {
      db.close()
      throw new StoreMismatchError({ message: `store ${params.path} is version ${store.meta('version')}, this node reads version ${NODE_STORE_VERSION}` })
    }
    return store
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  /** Runs `fn` in one SQLite transaction (nested calls join it). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  // ------------------------------------------------------------------ meta

  meta(key: string): string | undefined {
    return (this.st.getMeta!.get(key) as { value: string } | undefined)?.value
  }

  setMeta(key: string, value: string): void {
    this.st.setMeta!.run(key, value)
  }

  /** The last L1 block whose events are all recorded (the deployment block - 1 at first). */
  get processedBlock(): bigint {
    const v = this.meta('processedBlock')
    return v === undefined ? this.identity.fromBlock - 1n : BigInt(v)
  }

  setProcessedBlock(block: bigint): void {
    this.setMeta('processedBlock', block.toString())
  }

  /** The last L1 transaction whose events are recorded, as (block, transaction index). */
  get cursor(): { block: bigint; txIndex: number } | undefined {
    const v = this.meta('cursor')
    if (v === undefined) return undefined
    const [b, i] = v.split(':')
    return { block: BigInt(b!), txIndex: Number(i) }
  }

  setCursor(at: { block: bigint; txIndex: number }): void {
    this.setMeta('cursor', `${at.block}:${at.txIndex}`)
  }

  /** Set once L1 entered escape mode. */
  get escape(): { stateRoot: bigint; finalizedBatch: bigint; block: bigint } | undefined {
    const v = this.meta('escape')
    if (v === undefined) return undefined
    const o = JSON.parse(v) as Record<string, string>
    return { stateRoot: BigInt(o.stateRoot!), finalizedBatch: BigInt(o.finalizedBatch!), block: BigInt(o.block!) }
  }

  setEscape(e: { stateRoot: bigint; finalizedBatch: bigint; block: bigint }): void {
    this.setMeta('escape', JSON.stringify({ stateRoot: e.stateRoot.toString(), finalizedBatch: e.finalizedBatch.toString(), block: e.block.toString() }))
  }

  // ------------------------------------------------------------------ state

  /** The head state as stored: tree nodes, accounts (each read once, row by row) and the next index. */
  loadState(): { nodes: Iterable<[number, bigint]>; accounts: Iterable<[bigint, Account]>; nextIndex: bigint } {
    const db = this.db
    const nodes = function* (): Generator<[number, bigint]> {
      for (const [k, v] of db.prepare('SELECT key, value FROM nodes').raw().iterate() as Iterable<[number, Buffer]>) yield [k, nodeFromBytes(v)]
    }
    const accounts = function* (): Generator<[bigint, Account]> {
      for (const row of db.prepare('SELECT * FROM accounts').iterate() as Iterable<AccountRow>) yield accountFromRow(row)
    }
    const next = this.meta('nextIndex')
    return { nodes: nodes(), accounts: accounts(), nextIndex: next === undefined ? 1n : BigInt(next) }
  }

  /** The undo records of every applied batch that is not finalized, oldest first. */
  loadUndos(): { batch: bigint; undo: StateUndo }[] {
    return (this.st.appliedUnfinalized!.all() as { number: number }[]).map(({ number }) => ({ batch: BigInt(number), undo: this.undoOf(BigInt(number)) }))
  }

  private undoOf(batch: bigint): StateUndo {
    const b = this.batch(batch)
    if (!b || b.status !== 'applied') throw new Error(`batch ${batch} is not applied`)
    const nodes = (this.st.undoNodesOf!.all(Number(batch)) as { key: number; value: Buffer | null }[]).map((r) => [r.key, r.value === null ? undefined : nodeFromBytes(r.value)] as [number, bigint | undefined])
    const accounts = (this.st.undoAccountsOf!.all(Number(batch)) as { idx: number; account: string | null }[]).map(
      (r) => [BigInt(r.idx), r.account === null ? undefined : accountFromJson(r.account)] as [bigint, Account | undefined],
    )
    const nextIndex = this.meta(`undoNextIndex:${batch}`)
    return { nextIndex: BigInt(nextIndex ?? '1'), nodes, accounts }
  }

  /** Indices of the accounts `owner` holds in the head state, ascending. */
  indicesOf(owner: bigint): bigint[] {
    return (this.st.indicesOf!.all(toHex(owner)) as { idx: number }[]).map((r) => BigInt(r.idx))
  }

  // ------------------------------------------------------------------ queue

  /** Records a queue entry; the same entry again is ignored, a different one is an inconsistency. */
  addQueueEntry(e: QueueEvent): void {
    const row = {
      position: Number(e.position),
      kind: Number(e.fields.kind),
      sender: toHex(e.fields.sender),
      idx: toHex(e.fields.index),
      token: toHex(e.fields.tokenId),
      to_idx: toHex(e.fields.toIndex),
      amount: toHex(e.fields.amount),
      pkx: toHex(e.fields.pubKeyX),
      pky: toHex(e.fields.pubKeyY),
      queue_hash: toHex(e.queueHash),
      timestamp: Number(e.timestamp),
      block: Number(e.at.blockNumber),
      tx_hash: e.at.transactionHash,
    }
    const have = this.st.getQueue!.get(row.position) as Row | undefined
    if (have) {
      if (have.queue_hash !== row.queue_hash) throw new L1InconsistencyError({ message: `queue entry ${e.position} seen twice with different hashes` })
      return
    }
    this.st.putQueue!.run(row)
  }

  /** Entries ever recorded (the next position). */
  queueLength(): bigint {
    return BigInt((this.st.queueLength!.get() as { n: number }).n)
  }

  /** `count` entries from `from`, or fewer when the store does not have them. */
  queueEntries(from: bigint, count: number): StoredQueueEntry[] {
    return (this.st.queueRange!.all(Number(from), Number(from) + count) as Row[]).map(queueFromRow)
  }

  /** `q_n`: 0 for n = 0, else the chain value after entry n - 1; undefined when unknown. */
  queueHashAt(n: bigint): bigint | undefined {
    if (n === 0n) return 0n
    const row = this.st.getQueue!.get(Number(n - 1n)) as Row | undefined
    return row ? fromHex(row.queue_hash as string) : undefined
  }

  // ------------------------------------------------------------------ batches

  /** Records a batch commitment with its chunks' public inputs, as `waiting`. */
  addBatch(params: { event: BatchEvent; chunks: readonly ChunkEvent[]; block: BlockInfo }): void {
    const { event, chunks, block } = params
    if (this.batch(event.batch)) throw new L1InconsistencyError({ message: `batch ${event.batch} committed again without a revert` })
    const expected = (this.lastBatch()?.number ?? 0n) + 1n
    if (event.batch !== expected) throw new L1InconsistencyError({ message: `batch ${event.batch} committed, the node expected batch ${expected} next (missing events?)` })
    if (chunks.length !== event.chunkCount || chunks.some((c, k) => c.chunk !== k || c.batch !== event.batch)) {
      throw new L1InconsistencyError({ message: `batch ${event.batch} commits ${event.chunkCount} chunks, its transaction emitted ${chunks.length} ChunkCommitted events` })
    }
    this.st.putBatch!.run({
      number: Number(event.batch),
      status: 'waiting',
      block: Number(event.at.blockNumber),
      block_hash: block.hash,
      block_time: Number(block.timestamp),
      tx_hash: event.at.transactionHash,
      committer: getAddress(event.committer),
      data_hash: event.dataHash,
      calldata: event.calldataDA ? 1 : 0,
      chunk_count: event.chunkCount,
      queue_end: toHex(event.queueEnd),
      state_root: toHex(event.newStateRoot),
    })
    for (const c of chunks) this.st.putChunk!.run(Number(c.batch), c.chunk, JSON.stringify(c.publicInputs.map(toHex)))
  }

  batch(number: bigint): StoredBatch | undefined {
    const row = this.st.getBatch!.get(Number(number)) as Row | undefined
    return row ? batchFromRow(row) : undefined
  }

  batches(params: { from?: bigint; limit?: number } = {}): StoredBatch[] {
    return (this.st.listBatches!.all(Number(params.from ?? 0n), params.limit ?? 1_000_000) as Row[]).map(batchFromRow)
  }

  firstNotApplied(): StoredBatch | undefined {
    const row = this.st.firstNotApplied!.get() as Row | undefined
    return row ? batchFromRow(row) : undefined
  }

  lastApplied(): StoredBatch | undefined {
    const row = this.st.lastApplied!.get() as Row | undefined
    return row ? batchFromRow(row) : undefined
  }

  lastBatch(): StoredBatch | undefined {
    const row = this.st.lastBatch!.get() as Row | undefined
    return row ? batchFromRow(row) : undefined
  }

  lastFinalized(): StoredBatch | undefined {
    const row = this.st.lastFinalized!.get() as Row | undefined
    return row ? batchFromRow(row) : undefined
  }

  chunks(batch: bigint): StoredChunk[] {
    return (this.st.getChunks!.all(Number(batch)) as Row[]).map((r) => ({
      batch: BigInt(r.batch as number),
      chunk: r.chunk as number,
      publicInputs: (JSON.parse(r.public_inputs as string) as string[]).map(fromHex),
      queueCount: (r.queue_count as number | null) ?? undefined,
      firstSeq: r.first_seq === null ? undefined : fromHex(r.first_seq as string),
      txCount: (r.tx_count as number | null) ?? undefined,
    }))
  }

  exits(batch: bigint, chunk: number): ExitLeaf[] {
    return (this.st.getExits!.all(Number(batch), chunk) as Row[]).map((r) => ({
      position: r.position as number,
      recipient: fromHex(r.recipient as string),
      tokenId: fromHex(r.token as string),
      amount: fromHex(r.amount as string),
    }))
  }

  /** The applied L2 transaction with sequence number `seq`: its batch, chunk, slot and hash; undefined if none. */
  chunkTxAt(seq: bigint): StoredChunkTx | undefined {
    const r = this.st.chunkTxAt!.get(Number(seq)) as Row | undefined
    return r ? chunkTxFromRow(r) : undefined
  }

  /** Records the hash of applied transaction `seq` (computed on first use). */
  setChunkTxHash(seq: bigint, hash: bigint): void {
    this.st.setChunkTxHash!.run(toHex(hash), Number(seq))
  }

  /** The L2 transactions of applied chunk `chunk` of batch `batch`, in order. */
  chunkTxs(batch: bigint, chunk: number): StoredChunkTx[] {
    return (this.st.chunkTxsOf!.all(Number(batch), chunk) as Row[]).map(chunkTxFromRow)
  }

  setBatchStatus(number: bigint, status: Exclude<BatchStatus, 'applied'>, reason?: string, message?: string): void {
    this.st.setStatus!.run(status, reason ?? null, message ?? null, Number(number))
  }

  markFinalized(number: bigint): void {
    this.st.setFinalized!.run(Number(number))
  }

  /** Drops batches from `number` on (reverted on L1). Applied ones must be reverted in the state first. */
  deleteBatchesFrom(number: bigint): void {
    const n = Number(number)
    this.st.delExitsFrom!.run(n)
    this.st.delChunkTxsFrom!.run(n)
    this.st.delChunksFrom!.run(n)
    this.st.delBatchesFrom!.run(n)
  }

  /** Writes an applied batch: state changes, undo rows, chunk results and exits, in one transaction. */
  recordApplied(params: { number: bigint; replay: ReplayedBatch; queueStart: bigint; firstSeq: bigint; diff: StateDiff; undo: StateUndo; keepUndo: boolean }): void {
    const { number, replay, diff, undo } = params
    const n = Number(number)
    this.transaction(() => {
      for (const [k, v] of diff.nodes) this.st.putNode!.run(k, nodeToBytes(v))
      for (const [i, a] of diff.accounts) this.st.putAccount!.run(accountToRow(i, a))
      this.setMeta('nextIndex', diff.nextIndex.toString())
      if (params.keepUndo) {
        for (const [k, v] of undo.nodes) this.st.putUndoNode!.run(n, k, v === undefined ? null : nodeToBytes(v))
        for (const [i, a] of undo.accounts) this.st.putUndoAccount!.run(n, Number(i), a === undefined ? null : accountToJson(a))
        this.setMeta(`undoNextIndex:${number}`, undo.nextIndex.toString())
      }
      const txCount = replay.chunks.reduce((s, c) => s + c.txCount, 0)
      this.st.setApplied!.run(toHex(params.queueStart), toHex(params.firstSeq), txCount, replay.checks, n)
      this.st.delExitsOf!.run(n)
      this.st.delChunkTxsOf!.run(n)
      replay.chunks.forEach((c, k) => {
        this.st.setChunkResult!.run(c.queueCount, toHex(c.firstSeq), c.txCount, n, k)
        for (const t of c.txs) this.st.putChunkTx!.run(Number(t.seq), n, k, t.slot, l2TxToText(t.tx), t.hash === undefined ? null : toHex(t.hash))
        for (const e of c.exits) this.st.putExit!.run(n, k, e.position, toHex(e.recipient), toHex(e.tokenId), toHex(e.amount))
      })
    })
  }

  /** The undo record of applied batch `number` (it must not be finalized). */
  undo(number: bigint): StateUndo {
    return this.undoOf(number)
  }

  /** Writes an undo record back into the state tables and forgets the batch's results. */
  recordReverted(params: { number: bigint; undo: StateUndo }): void {
    const n = Number(params.number)
    this.transaction(() => {
      for (const [k, v] of params.undo.nodes) if (v === undefined) this.st.delNode!.run(k); else this.st.putNode!.run(k, nodeToBytes(v))
      for (const [i, a] of params.undo.accounts) if (a === undefined) this.st.delAccount!.run(Number(i)); else this.st.putAccount!.run(accountToRow(i, a))
      this.setMeta('nextIndex', params.undo.nextIndex.toString())
      this.st.dropUndoNodesOf!.run(n)
      this.st.dropUndoAccountsOf!.run(n)
      this.db.prepare('DELETE FROM meta WHERE key = ?').run(`undoNextIndex:${params.number}`)
      this.st.setStatus!.run('waiting', null, null, n)
      this.st.delExitsOf!.run(n)
      this.st.delChunkTxsOf!.run(n)
    })
  }

  /** Forgets the undo records of batches up to `number` (finalized: they cannot be reverted). */
  dropUndoUpTo(number: bigint): void {
    this.st.dropUndoNodes!.run(Number(number))
    this.st.dropUndoAccounts!.run(Number(number))
    this.db.prepare("DELETE FROM meta WHERE key LIKE 'undoNextIndex:%' AND CAST(substr(key, 15) AS INTEGER) <= ?").run(Number(number))
  }

  // ------------------------------------------------------------------ L1 blocks (reorgs)

  /** Remembers the hash of an L1 block read (`irreversible`: it holds an event the node cannot unwind). */
  recordL1Block(params: { number: bigint; hash: Hex; irreversible?: boolean }): void {
    this.st.putL1Block!.run(Number(params.number), params.hash.toLowerCase(), params.irreversible ? 1 : 0)
  }

  /** The stored hash of L1 block `number`, if the node remembers it. */
  l1BlockHash(number: bigint): Hex | undefined {
    return (this.st.l1BlockHash!.get(Number(number)) as { hash: Hex } | undefined)?.hash
  }

  /** The remembered L1 blocks at or below `number`, newest first. */
  l1BlocksDown(number: bigint): { number: bigint; hash: Hex; irreversible: boolean }[] {
    return (this.st.l1BlocksDown!.all(Number(number)) as { number: number; hash: Hex; irreversible: number }[]).map((r) => ({ number: BigInt(r.number), hash: r.hash, irreversible: r.irreversible === 1 }))
  }

  /** Batches committed in L1 blocks after `block`, ascending. */
  batchesAfterBlock(block: bigint): StoredBatch[] {
    return (this.st.batchesAfterBlock!.all(Number(block)) as Row[]).map(batchFromRow)
  }

  /**
   * Forgets what L1 blocks after `block` held (a reorg replaced them): their queue entries and
   * remembered hashes; the processed block and the event cursor go back to `block`. Batches are
   * the caller's (undo the applied ones, then {@link deleteBatchesFrom}). Call in a transaction.
   */
  forgetL1After(block: bigint): void {
    this.st.delQueueAfterBlock!.run(Number(block))
    this.st.delL1BlocksAfter!.run(Number(block))
    this.setProcessedBlock(block)
    this.setCursor({ block, txIndex: 2 ** 31 - 1 })
  }

  // ------------------------------------------------------------------ reports

  addReport(r: Omit<NodeReport, 'id'>): number {
    const info = this.st.addReport!.run(r.batch === undefined ? null : r.batch.toString(), r.chunk ?? null, r.code, r.reason ?? null, r.severity, r.message, r.l1Block === undefined ? null : r.l1Block.toString())
    return Number(info.lastInsertRowid)
  }

  reports(params: { after?: number; limit?: number } = {}): NodeReport[] {
    return (this.st.reports!.all(params.after ?? 0, params.limit ?? 1000) as Row[]).map((r) => ({
      id: r.id as number,
      batch: r.batch === null ? undefined : BigInt(r.batch as string),
      chunk: (r.chunk as number | null) ?? undefined,
      code: r.code as string,
      reason: (r.reason as string | null) ?? undefined,
      severity: r.severity as NodeReport['severity'],
      message: r.message as string,
      l1Block: r.l1_block === null ? undefined : BigInt(r.l1_block as string),
    }))
  }
}

function identityText(i: StoreIdentity): string {
  const p = i.params
  return `chain ${i.chainId} rollup ${getAddress(i.rollup)} params ${p.depth}/${p.nTx}/${p.nQueue}/${p.nFee} domain ${toHex(i.domain)} genesis ${toHex(i.genesisStateRoot)} from block ${i.fromBlock}`
}

function batchFromRow(r: Row): StoredBatch {
  const opt = <T>(v: unknown, f: (x: never) => T): T | undefined => (v === null || v === undefined ? undefined : f(v as never))
  return {
    number: BigInt(r.number as number),
    status: r.status as BatchStatus,
    finalized: r.finalized === 1,
    block: BigInt(r.block as number),
    blockHash: r.block_hash as Hex,
    blockTime: BigInt(r.block_time as number),
    txHash: r.tx_hash as Hex,
    committer: r.committer as Address,
    dataHash: r.data_hash as Hex,
    calldataDA: r.calldata === 1,
    chunkCount: r.chunk_count as number,
    queueEnd: fromHex(r.queue_end as string),
    stateRoot: fromHex(r.state_root as string),
    queueStart: opt(r.queue_start, fromHex),
    firstSeq: opt(r.first_seq, fromHex),
    txCount: opt(r.tx_count, (x: number) => x),
    checks: opt(r.checks, (x: ReplayChecks) => x),
    reason: opt(r.reason, (x: string) => x),
    message: opt(r.message, (x: string) => x),
  }
}

function queueFromRow(r: Row): StoredQueueEntry {
  const fields: QueueEntryFields = {
    kind: BigInt(r.kind as number),
    sender: fromHex(r.sender as string),
    index: fromHex(r.idx as string),
    tokenId: fromHex(r.token as string),
    toIndex: fromHex(r.to_idx as string),
    amount: fromHex(r.amount as string),
    pubKeyX: fromHex(r.pkx as string),
    pubKeyY: fromHex(r.pky as string),
  }
  return {
    position: BigInt(r.position as number),
    fields,
    entry: queueEntryFromFields(fields),
    queueHash: fromHex(r.queue_hash as string),
    timestamp: BigInt(r.timestamp as number),
    block: BigInt(r.block as number),
    txHash: r.tx_hash as Hex,
  }
}
