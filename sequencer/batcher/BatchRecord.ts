import type { BatchRow } from '../store/rows.ts'

/**
 * Where a batch stands: `sealed` (recorded, its commit sent or about to be), `committed` (L1
 * holds it), `proven` (every chunk proven), `finalized`, `reverted` (dropped by L1; its
 * number is reused by the next batch built).
 */
export type BatchStatus = 'sealed' | 'committed' | 'proven' | 'finalized' | 'reverted'

/** An exit (withdrawal, forced withdrawal or refund) a chunk made. */
export interface ExitRecord {
  position: number
  recipient: bigint
  tokenId: bigint
  amount: bigint
  /** Sequence number of the L2 withdrawal that made it. */
  seq?: number
  /** Queue position of the forced withdrawal or refunded deposit that made it. */
  queuePosition?: number
}

/** One chunk of a batch: its part of the log and its public inputs. */
export interface ChunkRecord {
  queueStart: number
  queueCount: number
  /** Sequencer sequence number of its first transaction (the next one when it has none). */
  firstSeq: number
  txCount: number
  /** The fee accounts the chunk names (zeros dropped). */
  feeAccounts: bigint[]
  /** oldStateRoot, newStateRoot, oldQueueHash, newQueueHash, exitRoot, txListCommitment, dataCommitment, domain. */
  publicInputs: bigint[]
  exits: ExitRecord[]
}

/** Where and how a batch's commit landed on L1. */
export interface L1Inclusion {
  transactionHash: `0x${string}`
  blockNumber: bigint
  via: 'blob' | 'calldata'
}

/** A batch the batcher sealed, as stored. */
export interface BatchRecord {
  number: number
  status: BatchStatus
  queueStart: number
  queueEnd: number
  firstSeq: number
  txCount: number
  /** State root after the batch. */
  stateRoot: bigint
  chunks: ChunkRecord[]
  sealedMs: number
  l1: L1Inclusion | undefined
  /**
   * Generation of batch number `number`: 0 for the first batch built with this number, the
   * reverted row's attempt + 1 when a rebuilt batch reuses it (old rows without the field read
   * as 0). Part of the commit key (see `commitKey`).
   */
  attempt: number
}

const hex = (v: bigint): string => `0x${v.toString(16)}`

/**
 * A {@link BatchRecord} as a store row (bigints as hex in the JSON).
 *
 * @example
 * ```ts
 * batchFromRow(batchToRow(record)) // deep-equals record
 * ```
 */
export function batchToRow(b: BatchRecord): BatchRow {
  const record = JSON.stringify({
    ...b,
    stateRoot: hex(b.stateRoot),
    chunks: b.chunks.map((c) => ({
      ...c,
      feeAccounts: c.feeAccounts.map(hex),
      publicInputs: c.publicInputs.map(hex),
      exits: c.exits.map((e) => ({ ...e, recipient: hex(e.recipient), tokenId: hex(e.tokenId), amount: hex(e.amount) })),
    })),
    l1: b.l1 && { ...b.l1, blockNumber: hex(b.l1.blockNumber) },
  })
  return { number: b.number, status: b.status, firstSeq: b.firstSeq, txCount: b.txCount, queueStart: b.queueStart, queueEnd: b.queueEnd, record }
}

/**
 * Inverse of {@link batchToRow}.
 *
 * @example
 * ```ts
 * const b = batchFromRow(row)
 * ```
 */
export function batchFromRow(row: Pick<BatchRow, 'record' | 'status'>): BatchRecord {
  type Json = Omit<BatchRecord, 'stateRoot' | 'chunks' | 'l1' | 'attempt'> & {
    attempt?: number
    stateRoot: string
    chunks: (Omit<ChunkRecord, 'feeAccounts' | 'publicInputs' | 'exits'> & { feeAccounts: string[]; publicInputs: string[]; exits: (Omit<ExitRecord, 'recipient' | 'tokenId' | 'amount'> & { recipient: string; tokenId: string; amount: string })[] })[]
    l1?: Omit<L1Inclusion, 'blockNumber'> & { blockNumber: string }
  }
  const o = JSON.parse(row.record) as Json
  return {
    ...o,
    attempt: o.attempt ?? 0,
    status: row.status as BatchStatus,
    stateRoot: BigInt(o.stateRoot),
    chunks: o.chunks.map((c) => ({
      ...c,
      feeAccounts: c.feeAccounts.map((x) => BigInt(x)),
      publicInputs: c.publicInputs.map((x) => BigInt(x)),
      exits: c.exits.map((e) => ({ ...e, recipient: BigInt(e.recipient), tokenId: BigInt(e.tokenId), amount: BigInt(e.amount) })),
    })),
    l1: o.l1 && { ...o.l1, blockNumber: BigInt(o.l1.blockNumber) },
  }
}
