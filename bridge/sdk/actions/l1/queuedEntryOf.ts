import { decodeEventLog, type Address, type TransactionReceipt } from 'viem'
import { counterweightRollupAbi, queueEntryFromEvent } from '../../../../l1-contracts/index.ts'
import type { QueueEntry } from '../../../../protocol/index.ts'

/** A queue entry an L1 action added: its position (what the status functions take) and content. */
export interface QueuedEntry {
  position: bigint
  entry: QueueEntry
  /** L1 timestamp of the entry (the inclusion and escape delays count from it). */
  timestamp: bigint
  /** Queue fee paid. */
  fee: bigint
}

/**
 * The `QueueEntryAdded` of the rollup in a receipt, if any.
 *
 * @example
 * ```ts
 * queuedEntryOf({ receipt, rollup })?.position // 7n
 * ```
 */
export function queuedEntryOf(params: { receipt: TransactionReceipt; rollup: Address }): QueuedEntry | undefined {
  for (const log of params.receipt.logs) {
    if (log.address.toLowerCase() !== params.rollup.toLowerCase()) continue
    try {
      const ev = decodeEventLog({ abi: counterweightRollupAbi, data: log.data, topics: log.topics, eventName: 'QueueEntryAdded' })
      const q = queueEntryFromEvent(ev.args)
      return { position: q.position, entry: q.entry, timestamp: q.timestamp, fee: q.fee }
    } catch {
      // another event
    }
  }
  return undefined
}
