import type Database from 'better-sqlite3'
import type { BatchSink } from '../store/Journal.ts'
import type { BatchRow } from '../store/rows.ts'
import { batchFromRow, batchToRow, type BatchRecord } from './BatchRecord.ts'

/**
 * The batches table: reads on the main thread's (read) connection, writes through the store's
 * writer thread (`save` resolves once the row is durable). Reverted rows are kept until their
 * number is reused; reads by sequence number or queue position skip them.
 *
 * @example
 * ```ts
 * const batches = new BatchStore({ db: store.db, sink: writer })
 * await batches.save({ ...record, status: 'committed' })
 * batches.latest()?.number
 * ```
 */
export class BatchStore {
  private readonly sink: BatchSink
  private readonly q: {
    byNumber: Database.Statement
    all: Database.Statement
    ofSeq: Database.Statement
    ofQueue: Database.Statement
    latest: Database.Statement
    unfinalized: Database.Statement
    head: Database.Statement
  }

  constructor(params: { db: Database.Database; sink: BatchSink }) {
    this.sink = params.sink
    const db = params.db
    this.q = {
      byNumber: db.prepare('SELECT * FROM batches WHERE number = ?'),
      all: db.prepare("SELECT * FROM batches WHERE status != 'reverted' ORDER BY number"),
      ofSeq: db.prepare("SELECT * FROM batches WHERE status != 'reverted' AND first_seq <= ? AND tx_count > 0 ORDER BY first_seq DESC LIMIT 1"),
      ofQueue: db.prepare("SELECT * FROM batches WHERE status != 'reverted' AND queue_start <= ? AND queue_end > ? ORDER BY number DESC LIMIT 1"),
      latest: db.prepare("SELECT * FROM batches WHERE status != 'reverted' ORDER BY number DESC LIMIT 1"),
      unfinalized: db.prepare("SELECT * FROM batches WHERE status IN ('committed', 'proven') ORDER BY number"),
      head: db.prepare("SELECT MAX(number) FROM batches WHERE status IN (SELECT value FROM json_each(?))"),
    }
  }

  /** Writes (inserts or replaces) `records` in one durable transaction. */
  async save(...records: BatchRecord[]): Promise<void> {
    await this.sink.write({ txs: [], signatures: [], queue: [], blocks: [], batches: records.map(batchToRow) })
  }

  /** Batch `number` (a reverted one too), or undefined. */
  get(number: number): BatchRecord | undefined {
    const r = this.q.byNumber.get(number) as BatchRow | undefined
    return r && batchFromRow(r)
  }

  /** Every batch not reverted, by number. */
  all(): BatchRecord[] {
    return (this.q.all.all() as BatchRow[]).map(batchFromRow)
  }

  /** The highest batch not reverted. */
  latest(): BatchRecord | undefined {
    const r = this.q.latest.get() as BatchRow | undefined
    return r && batchFromRow(r)
  }

  /** Committed (or proven) batches not yet finalized, by number. */
  unfinalized(): BatchRecord[] {
    return (this.q.unfinalized.all() as BatchRow[]).map(batchFromRow)
  }

  /** The highest committed, proven and finalized batch numbers (null for none). */
  heads(): { committed: number | null; proven: number | null; finalized: number | null } {
    const max = (statuses: string[]): number | null => (this.q.head.pluck().get(JSON.stringify(statuses)) as number | null) ?? null
    return { committed: max(['committed', 'proven', 'finalized']), proven: max(['proven', 'finalized']), finalized: max(['finalized']) }
  }

  /** The batch holding transaction `seq`, if it is batched. */
  ofSeq(seq: number): BatchRecord | undefined {
    const r = this.q.ofSeq.get(seq) as BatchRow | undefined
    if (!r) return undefined
    const b = batchFromRow(r)
    return seq < b.firstSeq + b.txCount ? b : undefined
  }

  /** The batch consuming queue position `position`, if any. */
  ofQueue(position: number): BatchRecord | undefined {
    const r = this.q.ofQueue.get(position, position) as BatchRow | undefined
    return r && batchFromRow(r)
  }
}
