import type { Address, Hex } from 'viem'
import { getContractEvents } from 'viem/actions'
import { counterweightRollupAbi, queueEntryFromEvent } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'
import { NotFoundError } from '../../errors/NotFoundError.ts'
import type { QueuedEntry } from './queuedEntryOf.ts'

/** A queue entry as its `QueueEntryAdded` event shows it, with the raw fields. */
export interface QueueEntryInfo extends QueuedEntry {
  sender: Address
  /** The event's fields as emitted (the `DepositEntry` of a refund restates them). */
  fields: { kind: bigint; index: bigint; tokenId: bigint; toIndex: bigint; amount: bigint; pubKeyX: bigint; pubKeyY: bigint }
  blockNumber: bigint
  transactionHash: Hex
}

/**
 * Reads queue entry `position` from its L1 event (`QueueEntryAdded`, filtered by its indexed
 * position), from `fromBlock` (default 0: pass the deployment block on long chains).
 * Throws `NotFoundError` (`QUEUE_ENTRY_NOT_FOUND`) when there is none.
 *
 * @example
 * ```ts
 * const e = await getQueueEntry(publicClient, { rollup, position: 3n })
 * e.entry.kind // QUEUE_KIND.DEPOSIT
 * ```
 */
export async function getQueueEntry(l1: L1Client, params: { rollup: Address; position: bigint; fromBlock?: bigint }): Promise<QueueEntryInfo> {
  const logs = await getContractEvents(l1, {
    address: params.rollup,
    abi: counterweightRollupAbi,
    eventName: 'QueueEntryAdded',
    args: { position: params.position },
    fromBlock: params.fromBlock ?? 0n,
    toBlock: 'latest',
  })
  const log = logs[0]
  if (!log) throw new NotFoundError({ code: 'QUEUE_ENTRY_NOT_FOUND', message: `no queue entry at position ${params.position}` })
  const q = queueEntryFromEvent(log.args)
  const a = log.args
  return {
    position: q.position,
    entry: q.entry,
    timestamp: q.timestamp,
    fee: q.fee,
    sender: a.sender!,
    fields: { kind: a.kind!, index: a.index!, tokenId: a.tokenId!, toIndex: a.toIndex!, amount: a.amount!, pubKeyX: a.pubKeyX!, pubKeyY: a.pubKeyY! },
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  }
}
