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
}

/**
 * A group of transactions committed together (the `txs` of one {@link WriteBatch}): the
 * sequencer signs their preconfirmations as one Merkle root. The row is written with its
 * transactions, so a group's boundaries are durable before it is signed; the signature
 * follows in a later commit ({@link SignatureRow}) and is recomputed at start if a crash lost it.
 */
export interface GroupRow {
  firstSeq: number
  count: number
  /** 65 bytes, or null until written. */
  signature: Uint8Array | null
}

/** The signature of a group written by an earlier commit. */
export interface SignatureRow {
  firstSeq: number
  signature: Uint8Array
}

/**
 * What a transaction's preconfirmation needs beyond its own fields: the signed group it
 * belongs to and the Merkle proof from its leaf to the group's root.
 */
export interface GroupProof {
  firstSeq: number
  count: number
  root: Uint8Array
  /** The sequencer's signature over the group, 65 bytes. */
  signature: Uint8Array
  /** Sibling hashes from the leaf up. */
  proof: Uint8Array[]
}

/** What the writer thread answers for a commit: its duration and the signed group, if any. */
export interface CommitResult {
  /** Duration of the SQLite transaction (write + fsync), ms. */
  ms: number
  /** Time from durable to signed, ms: the Merkle tree and signature, less what overlapped the commit (the signer thread signs while the writer commits). */
  signMs: number
  /** Time the Merkle tree and signature took, ms, in whichever thread signed (0 without a group). */
  signWorkMs?: number
  /**
   * The group of the commit's transactions (null when it had none). The writer may merge
   * commits that queued behind each other into one group: `firstSeq` and `count` are the
   * group's, which holds this commit's transactions and maybe others before or after them.
   */
  group: { firstSeq: number; count: number; signature: Uint8Array; levels: Uint8Array[][] } | null
  /** True for every commit but the first of those the writer merged (their figures are the first's). */
  merged?: boolean
  /** Which thread signed the group: the group signer, alongside the commit, or the writer after it (no signer, or it stopped answering). */
  signedBy?: 'signer' | 'writer'
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

/** What one group commit writes, in one SQLite transaction (its `txs` form one signed group). */
export interface WriteBatch {
  txs: TxRow[]
  signatures: SignatureRow[]
  queue: QueueRow[]
  blocks: BlockRow[]
  /** Batch rows (the batcher's writes; absent in the journal's group commits). */
  batches?: BatchRow[]
}
