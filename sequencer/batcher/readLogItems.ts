import type { QueueEntry } from '../../protocol/index.ts'
import { queueEntryFromJson, queueOriginFromJson, type QueueOrigin } from '../store/queueCodec.ts'
import type { Store, StoredTx } from '../store/Store.ts'

/** One durable item of the log: an L1 queue entry or an L2 transaction. */
export type LogItem = { kind: 'queue'; position: number; entry: QueueEntry; origin: QueueOrigin | undefined; seenMs: number } | { kind: 'tx'; seq: number; tx: StoredTx }

/**
 * The durable log items after the cursor (`queue`: next queue position, `seq`: next sequence
 * number), in log order: at most `limit` transactions, and the queue entries applied before
 * the next one not read (an entry logged after transaction `n` comes after it), also when
 * more than `limit` entries wait before a transaction. Reads the transactions first, so a queue entry written meanwhile is never placed before a
 * transaction it follows.
 *
 * @example
 * ```ts
 * const items = readLogItems({ store, queue: 0, seq: 1, limit: 1000, now: Date.now() })
 * ```
 */
export function readLogItems(params: { store: Pick<Store, 'txRange' | 'queueFrom'>; queue: number; seq: number; limit: number; now: number }): LogItem[] {
  const { store } = params
  let txs = store.txRange(params.seq, params.limit)
  const read = store.queueFrom(params.queue, params.limit)
  // A full queue read may leave entries unread that come before some of the transactions read:
  // keep only the transactions up to the last entry read (it comes after transaction `afterSeq`).
  if (read.length === params.limit && read.length > 0) txs = txs.filter((t) => t.seq <= read.at(-1)!.afterSeq)
  const txEnd = txs.length > 0 ? txs.at(-1)!.seq : params.seq - 1
  const rows = read.filter((r) => r.afterSeq <= txEnd)
  const out: LogItem[] = []
  let qi = 0
  for (const tx of txs) {
    while (qi < rows.length && rows[qi]!.afterSeq < tx.seq) out.push(queueItem(rows[qi++]!, params.now))
    out.push({ kind: 'tx', seq: tx.seq, tx })
  }
  while (qi < rows.length) out.push(queueItem(rows[qi++]!, params.now))
  return out
}

function queueItem(r: { position: number; entry: string }, now: number): LogItem {
  return { kind: 'queue', position: r.position, entry: queueEntryFromJson(r.entry), origin: queueOriginFromJson(r.entry), seenMs: now }
}
