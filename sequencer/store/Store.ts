import type Database from 'better-sqlite3'
import type { SignedL2Tx } from '../../protocol/index.ts'
import type { SynchronousLevel } from '../config/index.ts'
import { StoreError } from '../errors/index.ts'
import type { BlockRow, GroupRow, QueueRow, TxRow } from './rows.ts'
import { migrate } from './schema.ts'
import { decodeSignedTx } from './txCodec.ts'
import { openDatabase } from './openDatabase.ts'

/** What a store belongs to; a store opened with another deployment is refused. */
export interface StoreDeployment {
  chainId: bigint
  rollupAddress: `0x${string}`
  depth: number
  /** State root of the genesis state the log applies to. */
  genesisRoot: bigint
}

/** A stored transaction, decoded. */
export interface StoredTx {
  seq: number
  hash: Uint8Array
  signed: SignedL2Tx
  acceptedMs: number
  l1Deadline: number
}

/** One step of the log, in order. */
export type LogStep = { kind: 'tx'; tx: StoredTx } | { kind: 'queue'; row: QueueRow }

interface RawTx {
  seq: number
  hash: Buffer
  body: Buffer
  accepted_ms: number
  l1_deadline: number
}
interface RawGroup {
  first_seq: number
  count: number
  signature: Buffer | null
}
interface RawBlock {
  number: number
  hash: Buffer
  parent_hash: Buffer
  timestamp: number
  first_seq: number
  tx_count: number
  tx_root: Buffer
}

const toTx = (r: RawTx): StoredTx => ({
  seq: r.seq,
  hash: r.hash,
  signed: decodeSignedTx(r.body),
  acceptedMs: r.accepted_ms,
  l1Deadline: r.l1_deadline,
})
const toGroup = (r: RawGroup): GroupRow => ({ firstSeq: r.first_seq, count: r.count, signature: r.signature })
const toBlock = (r: RawBlock): BlockRow => ({
  number: r.number,
  hash: r.hash,
  parentHash: r.parent_hash,
  timestamp: r.timestamp,
  firstSeq: r.first_seq,
  txCount: r.tx_count,
  txRoot: r.tx_root,
})

/**
 * The durable store (better-sqlite3, WAL) as the main thread sees it: it creates or checks the
 * file (schema version and deployment), replays the log at start, fills in signatures a crash
 * left unwritten, and answers reads. All writes after start go through the writer thread
 * (`StoreWriter`); this connection only reads, so reads never wait for an fsync.
 *
 * @example
 * ```ts
 * const store = Store.open({ path: 'seq.db', synchronous: 'FULL', deployment })
 * for (const step of store.replay()) apply(step)
 * store.txByHash(hash)?.seq
 * ```
 */
export class Store {
  readonly db: Database.Database
  private readonly q: ReturnType<typeof prepare>

  private constructor(db: Database.Database) {
    this.db = db
    this.q = prepare(db)
  }

  /**
   * Opens (or creates) the store at `path` for `deployment`, with the genesis block 0 at
   * `genesisTimestamp` when new. Throws a critical {@link StoreError} when the file belongs to
   * another deployment or genesis.
   */
  static open(params: { path: string; synchronous: SynchronousLevel; deployment: StoreDeployment; genesisTimestamp?: number; genesisBlockHash?: (row: Omit<BlockRow, 'hash'>) => Uint8Array }): Store {
    let db: Database.Database
    try {
      db = openDatabase({ path: params.path, synchronous: params.synchronous })
      migrate(db)
    } catch (e) {
      throw new StoreError({ code: 'STORE_CORRUPT', message: `cannot open the store at ${params.path}: ${(e as Error).message}`, cause: e })
    }
    const store = new Store(db)
    store.checkDeployment(params.deployment, params.path)
    if (!store.blockByNumber(0)) {
      const row = { number: 0, parentHash: new Uint8Array(32), timestamp: params.genesisTimestamp ?? Math.floor(Date.now() / 1000), firstSeq: 1, txCount: 0, txRoot: new Uint8Array(32) }
      const hash = params.genesisBlockHash?.(row) ?? new Uint8Array(32)
      db.prepare('INSERT INTO blocks (number, hash, parent_hash, timestamp, first_seq, tx_count, tx_root) VALUES (?, ?, ?, ?, ?, ?, ?)').run(0, hash, row.parentHash, row.timestamp, 1, 0, row.txRoot)
    }
    return store
  }

  private checkDeployment(d: StoreDeployment, path: string): void {
    const want: Record<string, string> = {
      chainId: d.chainId.toString(),
      rollupAddress: d.rollupAddress.toLowerCase(),
      depth: String(d.depth),
      genesisRoot: d.genesisRoot.toString(),
    }
    const rows = this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]
    if (rows.length === 0) {
      const ins = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
      this.db.transaction(() => {
        for (const [k, v] of Object.entries(want)) ins.run(k, v)
      })()
      return
    }
    const have = Object.fromEntries(rows.map((r) => [r.key, r.value]))
    for (const [k, v] of Object.entries(want)) {
      if (have[k] !== v) {
        throw new StoreError({ code: 'STORE_MISMATCH', message: `the store at ${path} belongs to another deployment: its ${k} is ${have[k] ?? '(missing)'}, this sequencer's is ${v}` })
      }
    }
  }

  /** Highest sequence number stored (0 when none). */
  headSeq(): number {
    return (this.q.headSeq.pluck().get() as number | null) ?? 0
  }

  /** Number of L1 queue entries applied (the next expected position). */
  queueLength(): number {
    return (this.q.queueLength.pluck().get() as number | null) ?? 0
  }

  latestBlock(): BlockRow {
    return toBlock(this.q.latestBlock.get() as RawBlock)
  }

  blockByNumber(n: number): BlockRow | undefined {
    const r = this.q.blockByNumber.get(n) as RawBlock | undefined
    return r && toBlock(r)
  }

  blockByHash(hash: Uint8Array): BlockRow | undefined {
    const r = this.q.blockByHash.get(hash) as RawBlock | undefined
    return r && toBlock(r)
  }

  /** The sealed block holding sequence number `seq`, if it is sealed. */
  blockOfSeq(seq: number): BlockRow | undefined {
    const r = this.q.blockOfSeq.get(seq) as RawBlock | undefined
    if (!r || seq >= r.first_seq + r.tx_count) return undefined
    return toBlock(r)
  }

  txBySeq(seq: number): StoredTx | undefined {
    const r = this.q.txBySeq.get(seq) as RawTx | undefined
    return r && toTx(r)
  }

  txByHash(hash: Uint8Array): StoredTx | undefined {
    const r = this.q.txByHash.get(hash) as RawTx | undefined
    return r && toTx(r)
  }

  /** Transactions `first .. first + count - 1`, in order. */
  txRange(first: number, count: number): StoredTx[] {
    return (this.q.txRange.all(first, first + count - 1) as RawTx[]).map(toTx)
  }

  /** The L1 queue entries applied, in order. */
  queueRows(): QueueRow[] {
    return (this.q.queueAll.all() as { position: number; after_seq: number; entry: string }[]).map((r) => ({ position: r.position, afterSeq: r.after_seq, entry: r.entry }))
  }

  /** Up to `limit` queue rows from `position` on, in order. */
  queueFrom(position: number, limit: number): QueueRow[] {
    return (this.q.queueFrom.all(position, limit) as { position: number; after_seq: number; entry: string }[]).map((r) => ({ position: r.position, afterSeq: r.after_seq, entry: r.entry }))
  }

  /** Every step of the log in order: queue entries applied after transaction `afterSeq`, before `afterSeq + 1`. */
  *replay(): IterableIterator<LogStep> {
    const queue = this.queueRows()
    let qi = 0
    for (const r of this.q.txAll.iterate() as IterableIterator<RawTx>) {
      while (qi < queue.length && queue[qi]!.afterSeq < r.seq) yield { kind: 'queue', row: queue[qi++]! }
      yield { kind: 'tx', tx: toTx(r) }
    }
    while (qi < queue.length) yield { kind: 'queue', row: queue[qi++]! }
  }

  /** The group holding transaction `seq`, if it is durable. */
  groupOf(seq: number): GroupRow | undefined {
    const r = this.q.groupOf.get(seq) as RawGroup | undefined
    return r && seq < r.first_seq + r.count ? toGroup(r) : undefined
  }

  /** What the leaves of a group are made of: its transactions' sequence numbers, hashes and deadlines. */
  groupEntries(group: { firstSeq: number; count: number }): { sequence: number; txHash: Uint8Array; l1Deadline: number }[] {
    return (this.q.leafRange.all(group.firstSeq, group.firstSeq + group.count - 1) as { seq: number; hash: Buffer; l1_deadline: number }[]).map((r) => ({ sequence: r.seq, txHash: r.hash, l1Deadline: r.l1_deadline }))
  }

  /** Groups whose signature was not written (a crash after their commit, before the next). */
  unsignedGroups(): GroupRow[] {
    return (this.q.unsignedGroups.all() as RawGroup[]).map(toGroup)
  }

  /**
   * Checks that the groups cover transactions 1 to `head` exactly once, in order (throws a
   * critical {@link StoreError} otherwise): every durable transaction has one signed promise.
   */
  checkGroups(head: number): void {
    const { n, first, last, gaps } = this.q.groupTotals.get() as { n: number; first: number | null; last: number | null; gaps: number | null }
    if (head === 0 ? n !== 0 : first !== 1 || last !== head || gaps !== 0) {
      throw new StoreError({ code: 'STORE_CORRUPT', message: `the preconfirmation groups do not cover transactions 1..${head} exactly once: ${n} groups from ${first ?? '-'} to ${last ?? '-'}, ${gaps ?? 0} gaps or overlaps` })
    }
  }

  /** Writes group signatures directly (at start, before the writer thread runs). */
  writeGroupSignatures(rows: { firstSeq: number; signature: Uint8Array }[]): void {
    const upd = this.db.prepare('UPDATE groups SET signature = ? WHERE first_seq = ? AND signature IS NULL')
    this.db.transaction(() => {
      for (const r of rows) upd.run(r.signature, r.firstSeq)
    })()
  }

  /** Rows in each table (for status and metrics). */
  counts(): { txs: number; queue: number; blocks: number } {
    return { txs: this.headSeq(), queue: this.queueLength(), blocks: this.latestBlock().number + 1 }
  }

  close(): void {
    this.db.close()
  }
}

function prepare(db: Database.Database) {
  return {
    headSeq: db.prepare('SELECT MAX(seq) FROM txs'),
    queueLength: db.prepare('SELECT MAX(position) + 1 FROM queue'),
    latestBlock: db.prepare('SELECT * FROM blocks ORDER BY number DESC LIMIT 1'),
    blockByNumber: db.prepare('SELECT * FROM blocks WHERE number = ?'),
    blockByHash: db.prepare('SELECT * FROM blocks WHERE hash = ?'),
    blockOfSeq: db.prepare('SELECT * FROM blocks WHERE first_seq <= ? AND tx_count > 0 ORDER BY first_seq DESC LIMIT 1'),
    txBySeq: db.prepare('SELECT * FROM txs WHERE seq = ?'),
    txByHash: db.prepare('SELECT * FROM txs WHERE hash = ?'),
    txRange: db.prepare('SELECT * FROM txs WHERE seq BETWEEN ? AND ? ORDER BY seq'),
    txAll: db.prepare('SELECT * FROM txs ORDER BY seq'),
    queueAll: db.prepare('SELECT * FROM queue ORDER BY position'),
    queueFrom: db.prepare('SELECT * FROM queue WHERE position >= ? ORDER BY position LIMIT ?'),
    groupOf: db.prepare('SELECT * FROM groups WHERE first_seq <= ? ORDER BY first_seq DESC LIMIT 1'),
    leafRange: db.prepare('SELECT seq, hash, l1_deadline FROM txs WHERE seq BETWEEN ? AND ? ORDER BY seq'),
    unsignedGroups: db.prepare('SELECT * FROM groups WHERE signature IS NULL ORDER BY first_seq'),
    groupTotals: db.prepare(
      'SELECT COUNT(*) AS n, MIN(first_seq) AS first, MAX(first_seq + count - 1) AS last, SUM(prev_end IS NOT NULL AND prev_end != first_seq) AS gaps FROM (SELECT first_seq, count, LAG(first_seq + count) OVER (ORDER BY first_seq) AS prev_end FROM groups)',
    ),
  }
}
