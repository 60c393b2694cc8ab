import type { Address, Hex } from 'viem'
import type { QueueEntryFields } from '../../../protocol/index.ts'

/** Where an event was emitted; events are processed in (block, log index) order. */
export interface EventLocation {
  blockNumber: bigint
  blockHash: Hex
  transactionHash: Hex
  transactionIndex: number
  logIndex: number
}

/** `QueueEntryAdded`: one queue entry, its position and the chain value after it. */
export interface QueueEvent {
  kind: 'queue'
  at: EventLocation
  position: bigint
  fields: QueueEntryFields
  queueHash: bigint
  timestamp: bigint
}

/** `ChunkCommitted`: the eleven public inputs the contract derived for a chunk. */
export interface ChunkEvent {
  kind: 'chunk'
  at: EventLocation
  batch: bigint
  chunk: number
  /** oldStateRoot, newStateRoot, oldQueueHash, newQueueHash, exitRoot, txListCommitment, dataCommitment, domain. */
  publicInputs: bigint[]
}

/** `BatchCommitted`: a batch, where its data is, and where it leaves the queue and the state. */
export interface BatchEvent {
  kind: 'batch'
  at: EventLocation
  batch: bigint
  committer: Address
  /** The blob's versioned hash, or keccak256 of the calldata bytes. */
  dataHash: Hex
  calldataDA: boolean
  chunkCount: number
  queueEnd: bigint
  newStateRoot: bigint
}

/** `BatchFinalized`. */
export interface FinalizedEvent {
  kind: 'finalized'
  at: EventLocation
  batch: bigint
  stateRoot: bigint
  queueEnd: bigint
}

/** `BatchesReverted`: batches `fromBatch..toBatch` dropped; numbering goes on at `fromBatch`. */
export interface RevertedEvent {
  kind: 'reverted'
  at: EventLocation
  fromBatch: bigint
  toBatch: bigint
}

/** `EscapeModeActivated`: the state is frozen at the last finalized batch. */
export interface EscapeEvent {
  kind: 'escape'
  at: EventLocation
  stateRoot: bigint
  finalizedBatch: bigint
}

/**
 * The rollup events a node follows, decoded. `sortEvents` orders them as L1 did.
 *
 * @example
 * ```ts
 * for (const e of events) if (e.kind === 'batch') console.log(e.batch, e.dataHash)
 * ```
 */
export type RollupEvent = QueueEvent | ChunkEvent | BatchEvent | FinalizedEvent | RevertedEvent | EscapeEvent

/**
 * Sorts events by block, then log index (the order L1 executed them in).
 *
 * @example
 * ```ts
 * const ordered = sortEvents(events)
 * ```
 */
export function sortEvents<T extends { at: EventLocation }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => (a.at.blockNumber !== b.at.blockNumber ? (a.at.blockNumber < b.at.blockNumber ? -1 : 1) : a.at.logIndex - b.at.logIndex))
}
