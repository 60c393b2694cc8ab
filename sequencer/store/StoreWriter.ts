import { MessageChannel, type Worker } from 'node:worker_threads'
import type { SynchronousLevel } from '../config/index.ts'
import { StoreError } from '../errors/index.ts'
import { preconfirmationDomainSeparator } from '../preconf/index.ts'
import { startWorker } from '../workers/startWorker.ts'
import type { CommitResult, WriteBatch } from './rows.ts'

type Reply = { type: 'ready' } | { type: 'closed' } | ({ type: 'done'; ids: number[] } & CommitResult) | { type: 'error' | 'fatal'; ids?: number[]; message: string }

/**
 * The main thread's handle on the writer thread (`storeWriterWorker.ts`): {@link write}
 * sends one group commit and resolves when it is durable and its transactions' group is
 * signed (with the commit's duration and the signed group), or rejects with a critical
 * {@link StoreError}. Commits complete in the order they were sent; send the next without
 * waiting: the writer merges those that queue while it is busy into one commit and one group.
 * It starts three threads: the writer, the group signer (signs each group while the writer
 * commits it, `groupSignerWorker.ts`) and the checkpointer.
 *
 * @example
 * ```ts
 * const writer = await StoreWriter.start({ path: config.dbPath, synchronous: 'FULL', signer: { key, chainId: 31337n, rollup } })
 * const { group } = await writer.write({ txs, signatures: [], queue: [], blocks: [] })
 * await writer.close()
 * ```
 */
export class StoreWriter {
  private readonly worker: Worker
  private checkpointer: Worker | undefined
  private groupSigner: Worker | undefined
  /** The last checkpoints (at most 64): when (absolute ms), how long, pages copied; for diagnostics. */
  readonly checkpoints: { at: number; ms: number; pages: number }[] = []
  private readonly waiting = new Map<number, { resolve: (r: CommitResult) => void; reject: (e: Error) => void }>()
  private nextId = 1
  private failure: StoreError | undefined
  private closed = false

  private constructor(worker: Worker) {
    this.worker = worker
  }

  /**
   * Starts the writer thread on the store file and waits until its connection is open;
   * `signer` is the sequencer's key and the preconfirmation domain the groups are signed for.
   */
  static async start(params: { path: string; synchronous: SynchronousLevel; signer: { key: `0x${string}`; chainId: bigint; rollup: `0x${string}` } }): Promise<StoreWriter> {
    const { path, synchronous } = params
    const ready = (w: Worker, what: string): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        w.once('message', (m: Reply) => (m.type === 'fatal' ? reject(new StoreError({ code: 'STORE_WRITE_FAILED', message: `${what} cannot open ${params.path}: ${m.message}` })) : resolve()))
        w.once('error', (e: Error) => reject(new StoreError({ code: 'STORE_WRITE_FAILED', message: `${what} failed to start: ${e.message}`, cause: e })))
      })
    // The writer and the checkpointer start side by side.
    const signer = { key: Uint8Array.from(Buffer.from(params.signer.key.slice(2), 'hex')), domainSeparator: preconfirmationDomainSeparator(params.signer) }
    // The group signer talks to the writer over its own channel; `flag` wakes the writer, which
    // waits for it with Atomics.wait (groupSignerWorker.ts).
    const channel = new MessageChannel()
    const flag = new Int32Array(new SharedArrayBuffer(4))
    const worker = startWorker({ url: new URL('./storeWriterWorker.ts', import.meta.url), workerData: { path, synchronous, signer, signerPort: channel.port1, signerFlag: flag }, transferList: [channel.port1], name: 'store-writer' })
    const groupSigner = startWorker({ url: new URL('./groupSignerWorker.ts', import.meta.url), workerData: { port: channel.port2, flag, signer }, transferList: [channel.port2], name: 'group-signer' })
    const checkpointer = startWorker({ url: new URL('./checkpointWorker.ts', import.meta.url), workerData: { path, synchronous, intervalMs: 1000 }, name: 'store-checkpointer' })
    try {
      await Promise.all([ready(worker, 'store writer'), ready(checkpointer, 'store checkpointer')])
    } catch (e) {
      await Promise.all([worker.terminate(), checkpointer.terminate(), groupSigner.terminate()])
      throw e
    }
    const writer = new StoreWriter(worker)
    writer.checkpointer = checkpointer
    checkpointer.on('message', (m: { type: string; at: number; ms: number; pages: number }) => {
      if (m.type !== 'checkpoint') return
      writer.checkpoints.push({ at: m.at, ms: m.ms, pages: m.pages })
      if (writer.checkpoints.length > 64) writer.checkpoints.shift()
    })
    writer.groupSigner = groupSigner
    // A signer that dies costs nothing but speed: the writer signs on its own thread again.
    const noSigner = (): void => {
      if (!writer.closed) worker.postMessage({ type: 'no-signer' })
    }
    groupSigner.on('error', noSigner)
    groupSigner.on('exit', noSigner)
    worker.on('message', (m: Reply) => writer.onReply(m))
    worker.on('error', (e: Error) => writer.fail(`store writer crashed: ${e.message}`))
    worker.on('exit', (code) => {
      if (!writer.closed) writer.fail(`store writer exited (code ${code})`)
    })
    return writer
  }

  /** Writes `batch` in one transaction; resolves once durable and signed. */
  write(batch: WriteBatch): Promise<CommitResult> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.closed) return Promise.reject(new StoreError({ code: 'STORE_CLOSED', message: 'the store writer is closed' }))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.worker.postMessage({ type: 'write', id, batch })
    })
  }

  /** Closes the connection after the commits already sent, and ends the thread. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (!this.failure) {
      await new Promise<void>((resolve) => {
        const onMessage = (m: Reply): void => {
          if (m.type === 'closed') resolve()
        }
        this.worker.on('message', onMessage)
        this.worker.postMessage({ type: 'close' })
        setTimeout(resolve, 5000).unref()
      })
    }
    await this.worker.terminate()
    await this.groupSigner?.terminate()
    if (this.checkpointer) {
      const cp = this.checkpointer
      await new Promise<void>((resolve) => {
        // It also reports its checkpoints: wait for the answer to the close.
        cp.on('message', (m: { type: string }) => m.type === 'closed' && resolve())
        cp.postMessage({ type: 'close' })
        setTimeout(resolve, 5000).unref()
      })
      await cp.terminate()
    }
  }

  private onReply(m: Reply): void {
    if (m.type === 'done') {
      m.ids.forEach((id, i) => {
        this.waiting.get(id)?.resolve({ ms: m.ms, signMs: m.signMs, signWorkMs: m.signWorkMs ?? 0, group: m.group, merged: i > 0, ...(m.signedBy ? { signedBy: m.signedBy } : {}) })
        this.waiting.delete(id)
      })
    } else if (m.type === 'error') {
      this.fail(`group commit failed: ${m.message}`)
    }
  }

  private fail(message: string): void {
    if (this.failure) return
    this.failure = new StoreError({ code: 'STORE_WRITE_FAILED', message })
    for (const w of this.waiting.values()) w.reject(this.failure)
    this.waiting.clear()
  }
}
