import type { Hex } from 'viem'
import type { QueueEntry, SignedL2Tx } from '../../protocol/index.ts'
import type { ChunkRecord } from './BatchRecord.ts'
import type { ChunkCut } from './cutChunk.ts'

/** A chunk the builder holds (by `id`) for a commit, and what the batcher records of it. */
export interface BuiltChunk {
  id: number
  record: ChunkRecord
  /** Transactions of the cut the chunk took (the rest did not fit). */
  txCount: number
  newQueueHash: bigint
}

/** What a commit of some chunks sends: the blob commit, its blob, and the calldata alternative. */
export interface CommitPayload {
  /** `commitBatch` calldata: the claims of the chunks bound to the blob, and the blob's opening. */
  data: Hex
  blob: Uint8Array
  /** `commitBatchCalldata` calldata: the chunks' data and their claims as built. */
  calldataAlternative: Hex
  /** Each chunk's public inputs bound to the blob (what L1 holds after a blob commit). */
  boundPublicInputs: bigint[][]
}

/**
 * The batcher's state work: chunks built on a work state over the state after the last sealed
 * batch, and the commit payloads (blob encoding, KZG commitment and opening) of sealed
 * batches. {@link LocalChunkBuilder} does it in the calling thread; `WorkerChunkBuilder` in a
 * worker thread, so that neither holds up the event loop that answers RPC requests.
 *
 * @example
 * ```ts
 * const b = await builder.build({ cut, queuePos, startHash, nextSeq, feeAccounts })
 * await builder.seal() // the built chunks are part of the base now
 * const payload = await builder.payload({ ids: [b.id], queueStart })
 * await builder.release([b.id])
 * ```
 */
export interface ChunkBuilder {
  /** Replays a recorded chunk on the base (at start); `keep` holds it for a commit payload. */
  replay(params: { record: ChunkRecord; entries: readonly QueueEntry[]; txs: readonly SignedL2Tx[]; startHash: bigint; keep: boolean }): Promise<BuiltChunk>
  /** Builds the next chunk of the log on the work state (see `buildLogChunkFast`). */
  build(params: { cut: ChunkCut; queuePos: number; startHash: bigint; nextSeq: number; feeAccounts: readonly bigint[] }): Promise<BuiltChunk>
  /** Makes every chunk built since the last seal or reset part of the base. */
  seal(): Promise<void>
  /** Drops every chunk built since the last seal. */
  reset(): Promise<void>
  /** The commit of held chunks, in order, the first consuming from queue position `queueStart`. */
  payload(params: { ids: readonly number[]; queueStart: number }): Promise<CommitPayload>
  /** Forgets held chunks (their batch is committed). */
  release(ids: readonly number[]): Promise<void>
  close(): Promise<void>
}
