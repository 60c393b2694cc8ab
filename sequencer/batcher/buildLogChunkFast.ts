import { applyDaTx, applyQueueEntry, chunkLayout, slotsOf, type Chunk, type ChunkData, type DaTx, type TxOutcome } from '../../protocol/index.ts'
import { L1Error } from '../errors/index.ts'
import { checkL2Tx } from '../state/checkL2Tx.ts'
import type { ChunkRecord } from './BatchRecord.ts'
import { fastChunk } from './fastChunk.ts'
import type { LogChunk, LogChunkParams } from './buildLogChunk.ts'

/**
 * {@link buildLogChunk} without Merkle witnesses: the same chunk, record and checks, for the
 * sequencer's commits (the prover builds the witnesses itself). Byte for byte the public
 * values, DA data, exits and outcomes of protocol's `buildChunk` (`buildLogChunkFast.test.ts`
 * compares them on random logs), at a fraction of the cost:
 *
 * 1. which transactions fit is decided on a scratch fork with the rules of `resolveL2Tx`
 *    except the signature (`checkL2Tx`; every transaction of the log was verified when it was
 *    preconfirmed), the record slots and the fee-account rule of `buildChunk`;
 * 2. {@link fastChunk} (the node's `replayChunkFast`) applies the chunk's data on a fork of
 *    `state` and computes the roots, queue hash, exit root, tx-list and data commitments (on
 *    a `DeferredState` every touched tree node is hashed once per chunk).
 *
 * The returned chunk is witness-free: `queueSlots`, `txSlots` and `feeSlots` are empty and
 * the included outcomes carry no signature. Everything a commit reads (`blobBatch`,
 * `chunkClaims`, `calldataBatchData`, `bindChunkToBlob`) is there. Throws the critical
 * `PRECONFIRMATION_BROKEN` where `buildLogChunk` does.
 *
 * @example
 * ```ts
 * const { chunk, record, txCount } = buildLogChunkFast({ state: work, params, domain, cut, queuePos, startHash, nextSeq, feeAccounts })
 * chunk.state.commit()
 * ```
 */
export function buildLogChunkFast(params: LogChunkParams): LogChunk {
  const { cut, state } = params
  const p = params.params
  const layout = chunkLayout(p)
  const queueStart = params.queuePos
  if (cut.queue.length > 0 && cut.queue[0]!.position !== queueStart) throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `the chunk starts at queue entry ${cut.queue[0]!.position}, the batcher is at ${queueStart}` })
  const firstSeq = cut.txs[0]?.seq ?? params.nextSeq
  const named = params.feeAccounts.filter((i) => state.get(i) !== undefined).slice(0, p.nFee)
  const feeAccounts = [...named, ...new Array<bigint>(p.nFee - named.length).fill(0n)]
  const entries = cut.queue.map((q) => q.entry)

  // 1. Which transactions the chunk takes, in log order (buildChunk's rules without the signature).
  const scratch = state.fork()
  entries.forEach((entry, q) => applyQueueEntry({ state: scratch, entry, exitPosition: q }))
  const feeTokens = feeAccounts.map((f) => (f === 0n ? undefined : scratch.get(f)!.tokenId))
  const das: DaTx[] = []
  let slot = 0
  let fullDetail = ''
  for (const t of cut.txs) {
    const r = checkL2Tx({ state: scratch, tx: t.tx.signed.tx })
    if (!r.ok) throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `preconfirmed transaction ${t.seq} does not apply in its chunk: ${r.reason} (${r.detail})` })
    const need = slotsOf(r.da.type, layout)
    if (slot + need > p.nTx) {
      fullDetail = `needs ${need} record slots, ${p.nTx - slot} left`
      break
    }
    const tokenId = scratch.get(r.da.from)!.tokenId
    const matching = feeTokens.indexOf(tokenId)
    if (r.da.fee > 0n && matching < 0) throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `preconfirmed transaction ${t.seq} does not apply in its chunk: NO_FEE_ACCOUNT (no fee account for token ${tokenId} in this chunk)` })
    applyDaTx({ state: scratch, tx: r.da, exitPosition: p.nQueue + slot })
    das.push(r.da)
    slot += need
  }
  const included = das.length
  if (included === 0 && cut.queue.length === 0) throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `transaction ${firstSeq} does not fit an empty chunk` })

  // 2. The transition and its commitments, without witnesses; then the tail that did not fit.
  const data: ChunkData = { queueCount: entries.length, feeAccounts, txs: das }
  const built = fastChunk({ state, params: p, domain: params.domain, data, queue: { entries, startHash: params.startHash }, firstSeq: BigInt(firstSeq) })
  for (const [k, t] of cut.txs.entries()) {
    if (k >= included) break
    const o = built.txOutcomes[k]!
    if (o.status !== 'included' || o.hash !== BigInt(`0x${Buffer.from(t.tx.hash).toString('hex')}`)) throw new L1Error({ code: 'PRECONFIRMATION_BROKEN', message: `transaction ${t.seq} was included with another hash` })
  }
  const txOutcomes: TxOutcome[] = [
    ...built.txOutcomes,
    ...cut.txs.slice(included).map((_, k): TxOutcome => ({ status: 'rejected', reason: 'CHUNK_FULL', detail: k === 0 ? fullDetail : 'a transaction before it did not fit in the chunk' })),
  ]
  const chunk: Chunk = { ...built, txOutcomes }
  const exits = chunk.exits.map((e) => {
    const base = { position: e.position, recipient: e.recipient, tokenId: e.tokenId, amount: e.amount }
    if (e.position < p.nQueue) return { ...base, queuePosition: queueStart + e.position }
    const k = txOutcomes.findIndex((o) => o.status === 'included' && o.slot === e.position - p.nQueue)
    return { ...base, seq: cut.txs[k]!.seq }
  })
  const record: ChunkRecord = { queueStart, queueCount: cut.queue.length, firstSeq, txCount: included, feeAccounts: named, publicInputs: chunk.publicInputs, exits }
  return { chunk, record, txCount: included }
}
