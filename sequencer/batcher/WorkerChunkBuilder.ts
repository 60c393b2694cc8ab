import type { Worker } from 'node:worker_threads'
import type { ChunkParams, QueueEntry, RollupState, SignedL2Tx } from '../../protocol/index.ts'
import { L1Error, StoreError, type L1ErrorCode, type StoreErrorCode } from '../errors/index.ts'
import { startWorker } from '../workers/startWorker.ts'
import type { ChunkRecord } from './BatchRecord.ts'
import type { BuiltChunk, ChunkBuilder, CommitPayload } from './ChunkBuilder.ts'
import type { ChunkCut } from './cutChunk.ts'

interface Pending {
  resolve: (r: unknown) => void
  reject: (e: Error) => void
}

/**
 * A {@link ChunkBuilder} in a worker thread (`chunkWorker.ts`): chunk building, replay at
 * start and the commit payloads (KZG commitment and opening) run there, and the main thread
 * only passes log items and records. Calls are answered in order. The sequencer's errors
 * (`PRECONFIRMATION_BROKEN`, `STORE_CORRUPT`) come back as the same classes and codes; a
 * worker that dies fails every call with its error.
 *
 * @example
 * ```ts
 * const builder = await WorkerChunkBuilder.start({ genesis, params, domain })
 * const b = await builder.build({ cut, queuePos, startHash, nextSeq, feeAccounts })
 * await builder.close()
 * ```
 */
export class WorkerChunkBuilder implements ChunkBuilder {
  private readonly worker: Worker
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private failure: Error | undefined

  private constructor(worker: Worker) {
    this.worker = worker
    worker.on('message', (m: { id: number; result?: unknown; error?: { name: string; code?: string; message: string } }) => {
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      if (m.error) p.reject(rebuildError(m.error))
      else p.resolve(m.result)
    })
    worker.on('error', (e: Error) => this.fail(e))
    worker.on('exit', (code) => this.fail(new Error(`the batcher's worker thread exited (code ${code})`)))
  }

  /** Starts the worker on a copy of `genesis`'s accounts and waits until it has loaded. */
  static async start(params: { genesis: RollupState; params: ChunkParams; domain: bigint }): Promise<WorkerChunkBuilder> {
    const workerData = { params: params.params, domain: params.domain, genesis: [...params.genesis.allAccounts()], genesisRoot: params.genesis.root }
    const worker = startWorker({ url: new URL('./chunkWorker.ts', import.meta.url), workerData, name: 'batcher' })
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve())
      worker.once('error', reject)
    })
    return new WorkerChunkBuilder(worker)
  }

  replay(params: { record: ChunkRecord; entries: readonly QueueEntry[]; txs: readonly SignedL2Tx[]; startHash: bigint; keep: boolean }): Promise<BuiltChunk> {
    return this.call('replay', params)
  }

  build(params: { cut: ChunkCut; queuePos: number; startHash: bigint; nextSeq: number; feeAccounts: readonly bigint[] }): Promise<BuiltChunk> {
    return this.call('build', params)
  }

  seal(): Promise<void> {
    return this.call('seal', undefined)
  }

  reset(): Promise<void> {
    return this.call('reset', undefined)
  }

  payload(params: { ids: readonly number[]; queueStart: number }): Promise<CommitPayload> {
    return this.call('payload', params)
  }

  release(ids: readonly number[]): Promise<void> {
    return this.call('release', ids)
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the batcher's worker thread was closed")
    await this.worker.terminate()
  }

  private call<T>(op: string, args: unknown): Promise<T> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject })
      this.worker.postMessage({ id, op, args })
    })
  }

  private fail(e: Error): void {
    this.failure ??= e
    for (const p of this.pending.values()) p.reject(this.failure)
    this.pending.clear()
  }
}

function rebuildError(e: { name: string; code?: string; message: string }): Error {
  if (e.name === 'L1Error') return new L1Error({ code: e.code as L1ErrorCode, message: e.message })
  if (e.name === 'StoreError') return new StoreError({ code: e.code as StoreErrorCode, message: e.message })
  return new Error(`batcher worker: ${e.message}`)
}
