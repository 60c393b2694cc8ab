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

/** What one group commit writes, in one SQLite transaction. */
export interface WriteBatch {
  txs: TxRow[]
  signatures: SignatureRow[]
  queue: QueueRow[]
  blocks: BlockRow[]
}
