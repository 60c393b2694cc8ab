import type { Database } from 'better-sqlite3'
import type { WriteBatch } from './rows.ts'

/**
 * Prepares the statements of a group commit on `db` and returns the function that writes one
 * {@link WriteBatch} in a single SQLite transaction (all of it or nothing): its transactions,
 * the row of the group they form (boundaries durable before the group is signed), signatures
 * of earlier groups, queue entries and blocks. With WAL and `synchronous = FULL` the commit
 * returns once the WAL is fsync'd.
 *
 * @example
 * ```ts
 * const write = batchWriter(db)
 * write({ txs: [row], signatures: [], queue: [], blocks: [] })
 * ```
 */
export function batchWriter(db: Database): (batch: WriteBatch) => void {
  const insTx = db.prepare('INSERT INTO txs (seq, hash, body, accepted_ms, l1_deadline) VALUES (?, ?, ?, ?, ?)')
  const insGroup = db.prepare('INSERT INTO groups (first_seq, count, signature) VALUES (?, ?, NULL)')
  const setSig = db.prepare('UPDATE groups SET signature = ? WHERE first_seq = ? AND signature IS NULL')
  const insQueue = db.prepare('INSERT INTO queue (position, after_seq, entry) VALUES (?, ?, ?)')
  const insBlock = db.prepare('INSERT INTO blocks (number, hash, parent_hash, timestamp, first_seq, tx_count, tx_root) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const putBatch = db.prepare('INSERT OR REPLACE INTO batches (number, status, first_seq, tx_count, queue_start, queue_end, record) VALUES (?, ?, ?, ?, ?, ?, ?)')
  return db.transaction((batch: WriteBatch) => {
    for (const t of batch.txs) insTx.run(t.seq, t.hash, t.body, t.acceptedMs, t.l1Deadline)
    if (batch.txs.length > 0) insGroup.run(batch.txs[0]!.seq, batch.txs.length)
    for (const s of batch.signatures) setSig.run(s.signature, s.firstSeq)
    for (const q of batch.queue) insQueue.run(q.position, q.afterSeq, q.entry)
    for (const b of batch.blocks) insBlock.run(b.number, b.hash, b.parentHash, b.timestamp, b.firstSeq, b.txCount, b.txRoot)
    for (const b of batch.batches ?? []) putBatch.run(b.number, b.status, b.firstSeq, b.txCount, b.queueStart, b.queueEnd, b.record)
  })
}
