import { applyDaTx, applyQueueEntry, type Chunk, type ChunkParams, type DaTx, type QueueEntry, type RollupState, type SignedL2Tx } from '../../protocol/index.ts'
import { checkL2Tx } from '../state/checkL2Tx.ts'
import { StoreError } from '../errors/index.ts'
import type { ChunkRecord } from './BatchRecord.ts'
import { fastChunk } from './fastChunk.ts'

/**
 * Rebuilds a recorded chunk at start, without checking signatures again (they were checked
 * when the transactions were accepted, and the chunk was built with `buildChunk` before it
 * was recorded): the DA form of each transaction is resolved on a scratch fork, then
 * {@link fastChunk} applies the chunk on `state` without Merkle witnesses (not changed:
 * `chunk.state.commit()`); the chunk is what a commit needs, as `buildLogChunkFast` gives it.
 * Throws a critical `STORE_CORRUPT` when the public inputs differ from the recorded ones.
 *
 * @example
 * ```ts
 * const chunk = replayRecordedChunk({ state: committed, params, domain, record, entries, txs, startHash })
 * chunk.state.commit()
 * ```
 */
export function replayRecordedChunk(params: {
  state: RollupState
  params: ChunkParams
  domain: bigint
  record: ChunkRecord
  entries: readonly QueueEntry[]
  txs: readonly SignedL2Tx[]
  startHash: bigint
}): Chunk {
  const { record } = params
  const scratch = params.state.fork()
  for (const entry of params.entries) applyQueueEntry({ state: scratch, entry, exitPosition: 0 })
  const das: DaTx[] = []
  for (const [k, signed] of params.txs.entries()) {
    const r = checkL2Tx({ state: scratch, tx: signed.tx })
    if (!r.ok) throw new StoreError({ code: 'STORE_CORRUPT', message: `transaction ${record.firstSeq + k} of a recorded chunk does not apply: ${r.detail}` })
    applyDaTx({ state: scratch, tx: r.da, exitPosition: 0 })
    das.push(r.da)
  }
  const feeAccounts = [...record.feeAccounts, ...new Array<bigint>(params.params.nFee - record.feeAccounts.length).fill(0n)]
  const chunk = fastChunk({
    state: params.state,
    params: params.params,
    domain: params.domain,
    data: { queueCount: params.entries.length, feeAccounts, txs: das },
    queue: { entries: params.entries, startHash: params.startHash },
    firstSeq: BigInt(record.firstSeq),
  })
  // the eight transition inputs (a blob-committed record holds the blob-bound binding after them)
  const same = record.publicInputs.length >= 8 && chunk.publicInputs.slice(0, 8).every((v, i) => v === record.publicInputs[i])
  if (!same) throw new StoreError({ code: 'STORE_CORRUPT', message: `a recorded chunk (transactions from ${record.firstSeq}, queue from ${record.queueStart}) replays to other public inputs` })
  return chunk
}
