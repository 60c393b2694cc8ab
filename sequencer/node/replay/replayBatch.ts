import { InvalidChunkError, chunkLayout, type ChunkParams, type ExitLeaf, type QueueEntry, type RollupState } from '../../../protocol/index.ts'
import { BadBatchError } from '../errors.ts'
import type { DecodedBatch } from './decodeBatchData.ts'
import { replayChunkFast, type ChunkTx } from './replayChunkFast.ts'

/**
 * How much of a batch the node recomputes itself (see {@link replayBatch}): `full` every
 * claim of every chunk; `proven` only what the chunk proofs do not bind (for batches L1 has
 * finalized).
 */
export type ReplayChecks = 'full' | 'proven'

/** What the node keeps of each replayed chunk. */
export interface ReplayedChunk {
  queueCount: number
  firstSeq: bigint
  txCount: number
  exits: ExitLeaf[]
  /** Its L2 transactions in order (sequence number, slot, hash). */
  txs: ChunkTx[]
}

/** The result of a batch that replays to its claims. */
export interface ReplayedBatch {
  chunks: ReplayedChunk[]
  queueEnd: bigint
  /** Sequence number of the next transaction after the batch. */
  seqEnd: bigint
  stateRoot: bigint
  checks: ReplayChecks
  /** Claims that differ but cannot change the state (see docs/node.md: the tx-list commitment). */
  warnings: string[]
}

/** The queue as the node knows it from L1 events. */
export interface QueueView {
  /** `count` consecutive entries from `from`, or undefined when the node does not have them all. */
  entries(from: bigint, count: number): QueueEntry[] | undefined
  /** The chain value `q_n` (0 for n = 0), or undefined when the node does not know it. */
  hashAt(n: bigint): bigint | undefined
}

const hex = (v: bigint | undefined): string => (v === undefined ? 'none' : `0x${v.toString(16)}`)

/**
 * Replays a decoded batch on `state` (the node's {@link BatchLayer} state, which it changes:
 * drop it if this throws) and checks it against what L1 recorded: for every chunk the
 * contract's public inputs from `ChunkCommitted` (old root chained from the node's state,
 * queue hashes against the queue events, exit root, data commitment when `checkData`, domain)
 * and, at the end, the queue position and state root of `BatchCommitted`.
 *
 * `checks: 'full'` recomputes every claim of every chunk: state root, queue hash, exit
 * root, tx-list commitment, data commitment. `'proven'` is for batches L1 has finalized,
 * whose every chunk proof binds its old and new state roots, queue hashes, exit root, tx-list
 * commitment and data commitment: the node checks what the proofs cannot, that the data it
 * replays is the data proven (data commitments of a blob; the contract recomputed those of
 * calldata) and that the queue entries are L1's, recomputes the exit roots (it serves exit
 * proofs from them), and hashes the tree once for the whole batch to compare the final state
 * root (which catches any difference between its replay and the circuit). The intermediate
 * roots and tx-list commitments then follow from the proofs and are not recomputed.
 *
 * The tx-list commitment depends on the sequencer's numbering (`firstSeq`, here the running
 * count of included transactions), which L1 does not fix: in `full` mode a mismatch is a
 * warning, not a refusal.
 *
 * Throws {@link BadBatchError} (`CHUNK_COUNT_MISMATCH`, `INVALID_CHUNK`, `CLAIM_MISMATCH`,
 * `QUEUE_MISMATCH`) naming the batch and chunk.
 *
 * @example
 * ```ts
 * const layer = nodeState.beginBatch()
 * const r = replayBatch({ state: layer.state, params, domain, batch: 4n, decoded, claims, commit, queue, queueStart, firstSeq, checkData: true, checks: 'full' })
 * ```
 */
export function replayBatch(params: {
  state: RollupState
  params: ChunkParams
  domain: bigint
  batch: bigint
  decoded: DecodedBatch
  /** The public inputs of each chunk, as `ChunkCommitted` emitted them. */
  claims: readonly (readonly bigint[])[]
  commit: { queueEnd: bigint; newStateRoot: bigint }
  queue: QueueView
  /** Queue position after the previous batch. */
  queueStart: bigint
  firstSeq: bigint
  checkData: boolean
  checks: ReplayChecks
}): ReplayedBatch {
  const { batch, decoded, claims } = params
  const p = params.params
  const E = chunkLayout(p).chunkElements
  const bad = (reason: ConstructorParameters<typeof BadBatchError>[0]['reason'], message: string, chunk?: number, cause?: unknown): never => {
    throw new BadBatchError({ batch, reason, message, ...(chunk === undefined ? {} : { chunk }), cause })
  }
  if (decoded.chunks.length !== claims.length) bad('CHUNK_COUNT_MISMATCH', `the data holds ${decoded.chunks.length} chunks, L1 committed ${claims.length}`)

  const every = params.checks === 'full'
  let previousRoot = params.state.root
  let pos = params.queueStart
  let seq = params.firstSeq
  const warnings: string[] = []
  const chunks: ReplayedChunk[] = []
  for (const [k, data] of decoded.chunks.entries()) {
    const [oldRoot, newRoot, oldQueueHash, newQueueHash, exitRoot, txListCommitment, dataCommitment, domain] = claims[k]!
    const mismatch = (what: string, got: bigint | undefined, claimed: bigint | undefined): never => bad('CLAIM_MISMATCH', `${what} ${hex(got)} != claimed ${hex(claimed)}`, k)
    if (domain !== params.domain) mismatch('domain', params.domain, domain)
    if (oldRoot !== previousRoot) mismatch('old state root', previousRoot, oldRoot)
    const startHash = params.queue.hashAt(pos)
    if (startHash === undefined || startHash !== oldQueueHash) bad('QUEUE_MISMATCH', `queue hash at position ${pos} is ${hex(startHash)}, the chunk starts from ${hex(oldQueueHash)}`, k)
    const entries = params.queue.entries(pos, data.queueCount)
    if (!entries) bad('QUEUE_MISMATCH', `the chunk consumes queue entries ${pos}..${pos + BigInt(data.queueCount) - 1n}, which L1 does not hold`, k)
    const elements = params.checkData ? decoded.elements.slice(1 + k * E, 1 + (k + 1) * E) : undefined
    let r: ReturnType<typeof replayChunkFast>
    try {
      r = replayChunkFast({ state: params.state, params: p, domain: params.domain, data, queue: { entries: entries!, startHash: startHash! }, firstSeq: seq, ...(elements ? { elements } : {}), roots: every, txList: every })
    } catch (e) {
      if (e instanceof InvalidChunkError) return bad('INVALID_CHUNK', e.message, k, e)
      throw e
    }
    if (r.newQueueHash !== newQueueHash) mismatch('new queue hash', r.newQueueHash, newQueueHash)
    if (r.exitRoot !== exitRoot) mismatch('exit root', r.exitRoot, exitRoot)
    if (elements && r.dataCommitment !== dataCommitment) mismatch('data commitment', r.dataCommitment, dataCommitment)
    if (every && r.newStateRoot !== newRoot) mismatch('new state root', r.newStateRoot, newRoot)
    if (every && r.txListCommitment !== txListCommitment) warnings.push(`chunk ${k}: tx-list commitment ${hex(r.txListCommitment)} != claimed ${hex(txListCommitment)} (numbering from ${seq})`)
    r.state.commit()
    chunks.push({ queueCount: data.queueCount, firstSeq: seq, txCount: r.txCount, exits: r.exits, txs: r.txs })
    previousRoot = newRoot!
    pos += BigInt(data.queueCount)
    seq += BigInt(r.txCount)
  }
  if (pos !== params.commit.queueEnd) bad('QUEUE_MISMATCH', `the chunks end the queue at ${pos}, the commitment at ${params.commit.queueEnd}`)
  const stateRoot = params.state.root
  if (stateRoot !== previousRoot) bad('CLAIM_MISMATCH', `state root after the batch ${hex(stateRoot)} != claimed ${hex(previousRoot)}`, every ? undefined : claims.length - 1)
  if (stateRoot !== params.commit.newStateRoot) bad('CLAIM_MISMATCH', `state root after the batch ${hex(stateRoot)} != committed ${hex(params.commit.newStateRoot)}`)
  return { chunks, queueEnd: pos, seqEnd: seq, stateRoot, checks: params.checks, warnings }
}
