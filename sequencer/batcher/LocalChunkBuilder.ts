import { encodeFunctionData } from 'viem'
import { blobBatch, calldataBatchData, chunkClaims, counterweightRollupAbi } from '../../l1-contracts/index.ts'
import type { Chunk, ChunkParams, QueueEntry, RollupState, SignedL2Tx } from '../../protocol/index.ts'
import type { ChunkRecord } from './BatchRecord.ts'
import { buildLogChunkFast } from './buildLogChunkFast.ts'
import type { BuiltChunk, ChunkBuilder, CommitPayload } from './ChunkBuilder.ts'
import type { ChunkCut } from './cutChunk.ts'
import { deferredBase } from './deferredBase.ts'
import { replayRecordedChunk } from './replayRecordedChunk.ts'

/**
 * A {@link ChunkBuilder} in the calling thread: a node-style deferred state over `genesis`
 * (see `deferredBase`), chunks built with `buildLogChunkFast`, payloads with l1-contracts'
 * `blobBatch`, `chunkClaims` and `calldataBatchData`. The synchronous methods (`…Now`) are
 * what the worker thread (`chunkWorker.ts`) calls.
 *
 * @example
 * ```ts
 * const builder = new LocalChunkBuilder({ genesis, params, domain })
 * const b = await builder.build({ cut, queuePos: 0, startHash: 0n, nextSeq: 1, feeAccounts: [1n] })
 * ```
 */
export class LocalChunkBuilder implements ChunkBuilder {
  private readonly params: ChunkParams
  private readonly domain: bigint
  private readonly base: RollupState
  private work: RollupState
  private readonly held = new Map<number, Chunk>()
  private nextId = 1

  constructor(params: { genesis: RollupState; params: ChunkParams; domain: bigint }) {
    this.params = params.params
    this.domain = params.domain
    this.base = deferredBase({ genesis: params.genesis })
    this.work = this.base.fork()
  }

  replayNow(params: { record: ChunkRecord; entries: readonly QueueEntry[]; txs: readonly SignedL2Tx[]; startHash: bigint; keep: boolean }): BuiltChunk {
    const chunk = replayRecordedChunk({ state: this.base, params: this.params, domain: this.domain, record: params.record, entries: params.entries, txs: params.txs, startHash: params.startHash })
    chunk.state.commit()
    this.work = this.base.fork()
    return this.hold(chunk, params.record, params.record.txCount, params.keep)
  }

  buildNow(params: { cut: ChunkCut; queuePos: number; startHash: bigint; nextSeq: number; feeAccounts: readonly bigint[] }): BuiltChunk {
    const { chunk, record, txCount } = buildLogChunkFast({ state: this.work, params: this.params, domain: this.domain, ...params })
    chunk.state.commit()
    return this.hold(chunk, record, txCount, true)
  }

  sealNow(): void {
    this.work.commit()
    this.work = this.base.fork()
  }

  resetNow(): void {
    this.work = this.base.fork()
  }

  payloadNow(params: { ids: readonly number[]; queueStart: number }): CommitPayload {
    const chunks = params.ids.map((id) => {
      const c = this.held.get(id)
      if (!c) throw new Error(`unreachable: chunk ${id} is not held`)
      return c
    })
    // The blob commit carries the chunks bound to the blob (challenge, shares) and the blob's
    // opening; the calldata alternative the chunks as built (challenge 0, calldata shares).
    const bound = blobBatch({ params: this.params, chunks })
    const queueStart = BigInt(params.queueStart)
    return {
      data: encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [chunkClaims({ chunks: bound.chunks, queueStart }), bound.opening] }),
      blob: bound.blob,
      calldataAlternative: encodeFunctionData({
        abi: counterweightRollupAbi,
        functionName: 'commitBatchCalldata',
        args: [calldataBatchData({ params: this.params, chunks: chunks.map((c) => c.data) }), chunkClaims({ chunks, queueStart })],
      }),
      boundPublicInputs: bound.chunks.map((c) => c.publicInputs),
    }
  }

  releaseNow(ids: readonly number[]): void {
    for (const id of ids) this.held.delete(id)
  }

  /** Chunks held for commits (for tests and metrics). */
  get heldCount(): number {
    return this.held.size
  }

  async replay(params: Parameters<LocalChunkBuilder['replayNow']>[0]): Promise<BuiltChunk> {
    return this.replayNow(params)
  }

  async build(params: Parameters<LocalChunkBuilder['buildNow']>[0]): Promise<BuiltChunk> {
    return this.buildNow(params)
  }

  async seal(): Promise<void> {
    this.sealNow()
  }

  async reset(): Promise<void> {
    this.resetNow()
  }

  async payload(params: { ids: readonly number[]; queueStart: number }): Promise<CommitPayload> {
    return this.payloadNow(params)
  }

  async release(ids: readonly number[]): Promise<void> {
    this.releaseNow(ids)
  }

  async close(): Promise<void> {
    this.held.clear()
  }

  private hold(chunk: Chunk, record: ChunkRecord, txCount: number, keep: boolean): BuiltChunk {
    const id = this.nextId++
    if (keep) this.held.set(id, chunk)
    return { id, record, txCount, newQueueHash: chunk.newQueueHash }
  }
}
