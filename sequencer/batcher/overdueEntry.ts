import type { BatchRecord } from './BatchRecord.ts'

/** A queue entry L1 would call overdue: its position and when it was added (unix seconds). */
export interface OverdueEntry {
  position: number
  timestamp: number
}

/**
 * The queue entry that makes L1 refuse a sealed batch as overdue (`QueueEntryOverdue` in the
 * rollup's `_recordBatch`), or undefined when it would not. L1 refuses a batch that is not
 * full capacity (`maxChunksPerBatch` chunks, every queue slot used) when the first queue
 * entry it does not consume, at `record.queueEnd`, exists and has waited longer than
 * `inclusionDelay`. The entry is called overdue when `l1Time + margin >= timestamp +
 * inclusionDelay`: with margin 0, L1's latest block is at or past the deadline, so every later
 * block refuses the batch (also a transaction of it still in the mempool).
 *
 * @example
 * ```ts
 * const o = overdueEntry({ record, l1Committed, maxChunksPerBatch, nQueue, l1QueueLength, entryTime, l1Time, inclusionDelay, margin: 0 })
 * if (o) logger.warn(o, 'batch would be refused as overdue')
 * ```
 */
export function overdueEntry(params: {
  record: Pick<BatchRecord, 'number' | 'queueStart' | 'queueEnd' | 'chunks'>
  /** Batches L1 holds. */
  l1Committed: number
  /** The contract's `maxChunksPerBatch`. */
  maxChunksPerBatch: number
  /** Queue slots of a chunk. */
  nQueue: number
  /** L1's queue length at its latest block. */
  l1QueueLength: number
  /** When the entry at `record.queueEnd` was added (unix seconds), undefined when unknown. */
  entryTime: number | undefined
  /** L1's latest block time (unix seconds). */
  l1Time: number
  inclusionDelay: number
  /** Seconds ahead of `l1Time` to count as now (0: overdue for sure). */
  margin: number
}): OverdueEntry | undefined {
  const { record } = params
  if (params.l1Committed >= record.number) return undefined
  const chunks = record.chunks.length
  const fullCapacity = chunks === params.maxChunksPerBatch && record.queueEnd - record.queueStart === chunks * params.nQueue
  if (fullCapacity) return undefined
  if (record.queueEnd >= params.l1QueueLength || params.entryTime === undefined) return undefined
  if (params.l1Time + params.margin < params.entryTime + params.inclusionDelay) return undefined
  return { position: record.queueEnd, timestamp: params.entryTime }
}

const SELECTOR = '9fd3863e'

/**
 * The `QueueEntryOverdue(position, timestamp)` revert (selector 0x9fd3863e) carried by an
 * error from the L1 sender or node (in a message, `details` or `data` anywhere along the
 * `cause` chain), or undefined. For log lines: the decision to rebuild rests on
 * {@link overdueEntry}, not on parsing error text.
 *
 * @example
 * ```ts
 * overdueFromError(e) // { position: 5, timestamp: 1700000000 }
 * ```
 */
export function overdueFromError(error: unknown): OverdueEntry | undefined {
  const re = new RegExp(`0x${SELECTOR}:?\\s*([0-9a-fA-F]{64})([0-9a-fA-F]{64})`)
  for (let c: unknown = error, depth = 0; c !== undefined && c !== null && depth < 8; c = (c as { cause?: unknown }).cause, depth++) {
    const o = c as { message?: unknown; details?: unknown; data?: unknown }
    for (const text of [o.message, o.details, o.data, typeof c === 'string' ? c : undefined]) {
      if (typeof text !== 'string') continue
      const m = re.exec(text)
      if (m) return { position: Number(BigInt(`0x${m[1]}`)), timestamp: Number(BigInt(`0x${m[2]}`)) }
    }
  }
  return undefined
}
