/** One accepted transaction as stored. */
export interface TxRow {
  seq: number
  /** The L2 transaction hash, 32 bytes big-endian. */
  hash: Uint8Array
  /** `encodeSignedTx` of the signed transaction. */
  body: Uint8Array
  acceptedMs: number
  /** L1 deadline of its preconfirmation (unix seconds). */
  l1Deadline: number
  /** The preconfirmation signature (65 bytes), or null when it is written by a later commit. */
  signature: Uint8Array | null
}

/** A preconfirmation signature for a transaction written by an earlier commit. */
export interface SignatureRow {
  seq: number
  signature: Uint8Array
}

/** An L1 queue entry applied to the pending state after transaction `afterSeq`. */
export interface QueueRow {
  /** Position in the L1 queue, from 0. */
  position: number
  afterSeq: number
  /** JSON of the entry's fields (`queueEntryToJson`). */
  entry: string
}

/** A sealed L2 block. */
export interface BlockRow {
  number: number
  hash: Uint8Array
  parentHash: Uint8Array
  /** Unix seconds. */
  timestamp: number
  firstSeq: number
  txCount: number
  txRoot: Uint8Array
}

/** A batch the batcher sealed (inserted, or replaced when its status changes). */
export interface BatchRow {
  number: number
  status: string
  /** Sequence number of its first transaction (the next one when it has none). */
  firstSeq: number
  txCount: number
  queueStart: number
  queueEnd: number
  /** JSON of the whole record (`BatchRecord` of `sequencer/batcher/`). */
  record: string
}

/** What one group commit writes, in one SQLite transaction. */
export interface WriteBatch {
  txs: TxRow[]
  signatures: SignatureRow[]
  queue: QueueRow[]
  blocks: BlockRow[]
  /** Batch rows (the batcher's writes; absent in the journal's group commits). */
  batches?: BatchRow[]
}
