import { buildChunk, type Chunk, type ChunkParams, type RollupState } from '../../protocol/index.ts'
import { L1Error } from '../errors/index.ts'
import type { ChunkRecord } from './BatchRecord.ts'
import type { ChunkCut } from './cutChunk.ts'

/** What {@link buildLogChunk} and `buildLogChunkFast` take: a cut of the log and where it starts. */
export interface LogChunkParams {
  state: RollupState
  params: ChunkParams
  domain: bigint
  cut: ChunkCut
  /** Queue position of the cut's first entry (the next one when it has none). */
  queuePos: number
  /** Queue chain value at `queuePos`. */
  startHash: bigint
  /** Sequencer sequence number of the first transaction (of the next one when the cut has none). */
  nextSeq: number
  feeAccounts: readonly bigint[]
}

/** What {@link buildLogChunk} and `buildLogChunkFast` return. */
export interface LogChunk {
  chunk: Chunk
  record: ChunkRecord
  txCount: number
}

/**
 * Builds one chunk from a {@link ChunkCut} with protocol's `buildChunk` on `state` (which it
 * does not change: `chunk.state.commit()` applies it), and checks that it gives exactly the
 * sequencer's view: every queue entry of the cut is consumed, and the transactions are
 * included in log order with their sequence numbers and hashes; only a tail that does not fit
 * (`CHUNK_FULL`) may stay out. Anything else would break a preconfirmation and throws the
 * critical `PRECONFIRMATION_BROKEN`.
 *
 * @example
 * ```ts
 * const { chunk, record, txCount } = buildLogChunk({ state: work, params, domain, cut, queuePos, startHash, nextSeq, feeAccounts })
 * chunk.state.commit()
 * ```
 */
export function buildLogChunk(params: LogChunkParams): LogChunk {
  const { cut } = params
  const queueStart = params.queuePos
  if (cut.queue.length > 0 && cut.queue[0]!.position !== queueStart) throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `the chunk starts at queue entry ${cut.queue[0]!.position}, the batcher is at ${queueStart}` })
  const firstSeq = cut.txs[0]?.seq ?? params.nextSeq
  const feeAccounts = params.feeAccounts.filter((i) => params.state.get(i) !== undefined).slice(0, params.params.nFee)
  const chunk = buildChunk({
    state: params.state,
    params: params.params,
    domain: params.domain,
    queue: { entries: cut.queue.map((q) => q.entry), startHash: params.startHash },
    txs: cut.txs.map((t) => t.tx.signed),
    firstSeq: BigInt(firstSeq),
    feeAccounts,
  })
  let included = 0
  for (const [k, o] of chunk.txOutcomes.entries()) {
    const t = cut.txs[k]!
    if (o.status === 'included') {
      if (k !== included || o.seq !== BigInt(t.seq) || o.hash !== BigInt(`0x${Buffer.from(t.tx.hash).toString('hex')}`)) {
        throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `transaction ${t.seq} was included out of order or with another hash` })
      }
      included++
    } else if (o.reason !== 'CHUNK_FULL') {
      throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `preconfirmed transaction ${t.seq} does not apply in its chunk: ${o.reason} (${o.detail})` })
    }
  }
  if (chunk.queueCount !== cut.queue.length) throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `the chunk consumed ${chunk.queueCount} of ${cut.queue.length} queue entries` })
  if (included === 0 && cut.queue.length === 0) throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `transaction ${firstSeq} does not fit an empty chunk` })
  const exits = chunk.exits.map((e) => {
    const base = { position: e.position, recipient: e.recipient, tokenId: e.tokenId, amount: e.amount }
    if (e.position < params.params.nQueue) return { ...base, queuePosition: queueStart + e.position }
    const k = chunk.txOutcomes.findIndex((o) => o.status === 'included' && o.slot === e.position - params.params.nQueue)
    return { ...base, seq: cut.txs[k]!.seq }
  })
  const record: ChunkRecord = {
    queueStart,
    queueCount: cut.queue.length,
    firstSeq,
    txCount: included,
    feeAccounts,
    publicInputs: chunk.publicInputs,
    exits,
  }
  return { chunk, record, txCount: included }
}
