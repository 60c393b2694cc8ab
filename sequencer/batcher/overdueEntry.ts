import { decodeErrorResult } from 'viem'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
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

/**
 * The `QueueEntryOverdue(position, timestamp)` revert carried by an error from the L1 sender
 * or node (revert data in a message, `details` or `data` anywhere along the `cause` chain),
 * decoded with the rollup's ABI, or undefined. For log lines: the decision to rebuild rests
 * on {@link overdueEntry}, not on parsing error text.
 *
 * @example
 * ```ts
 * overdueFromError(e) // { position: 5, timestamp: 1700000000 }
 * ```
 */
export function overdueFromError(error: unknown): OverdueEntry | undefined {
  // A 4-byte selector, maybe followed by ':' and spaces (node messages), then two words.
  const re = /0x([0-9a-fA-F]{8}):?\s*([0-9a-fA-F]{128})/g
  for (let c: unknown = error, depth = 0; c !== undefined && c !== null && depth < 8; c = (c as { cause?: unknown }).cause, depth++) {
    const o = c as { message?: unknown; details?: unknown; data?: unknown }
    for (const text of [o.message, o.details, o.data, typeof c === 'string' ? c : undefined]) {
      if (typeof text !== 'string') continue
      for (const m of text.matchAll(re)) {
        try {
          const { errorName, args } = decodeErrorResult({ abi: counterweightRollupAbi, data: `0x${m[1]}${m[2]}` })
          if (errorName === 'QueueEntryOverdue') {
            const [position, timestamp] = args as readonly [bigint, bigint]
            return { position: Number(position), timestamp: Number(timestamp) }
          }
        } catch {
          // Not one of the rollup's errors.
        }
      }
    }
  }
  return undefined
}
