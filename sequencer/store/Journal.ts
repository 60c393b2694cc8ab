import { StoreError } from '../errors/index.ts'
import { LatencySamples } from '../metrics/LatencySamples.ts'
import { MAX_PRECONFIRMATION_GROUP, preconfirmationProof } from '../preconf/index.ts'
import type { BlockRow, CommitResult, GroupProof, QueueRow, SignatureRow, TxRow, WriteBatch } from './rows.ts'

/** Where the durable log stands after a commit. */
export interface DurableHeads {
  /** Highest durable transaction sequence number. */
  seq: number
  /** Number of durable L1 queue entries. */
  queue: number
  /** Highest durable block number. */
  block: number
}

/** What the journal needs from the writer thread: a durable commit, then its group signed. */
export interface BatchSink {
  write(batch: WriteBatch): Promise<CommitResult>
}

/** Figures of the group commits so far. */
export interface JournalStats {
  commits: number
  /** Commits that held transactions (each one signed group). */
  groups: number
  rows: number
  commitMs: number
  /** Time from durable to signed, summed over commits (ms): group trees and signatures, less what overlapped the commits. */
  signMs: number
  /** Time group trees and signatures took, summed (ms), in whichever thread signed them. */
  signWorkMs: number
  maxGroup: number
  /** Longest commit so far (ms). */
  maxCommitMs: number
  /** The last commits' durations (WAL write + fsync) and round trips (sent to the writer until answered, queueing and signing included), for tail percentiles. */
  samples: { commit: LatencySamples; roundTrip: LatencySamples }
}

const MAX_TXS_PER_COMMIT = MAX_PRECONFIRMATION_GROUP
const SIGNATURE_DELAY_MS = 50
/** Commits sent to the writer and not yet answered, at most. */
const MAX_IN_FLIGHT = 32

/**
 * Group commit, with one preconfirmation signature per group. Appended rows collect in
 * memory for one turn of the event loop and go to the writer thread, without waiting for the
 * commit in flight: the writer merges what queued while it was busy into one SQLite
 * transaction and one group (`storeWriterWorker.ts`). So a commit (its fsync) and a signature
 * are shared by every transaction that arrived during the one before: durability and signing
 * cost one fsync and one signature per group, not per transaction, the group grows with the
 * load (at most 1,024 transactions), and an idle writer starts at once. The transactions of a
 * commit form one group: the writer thread writes the group's boundaries with them, and once
 * they are durable signs the Merkle root of their preconfirmation leaves. Transactions, queue
 * entries and blocks are urgent (someone waits for them); group signatures are not (they are
 * deterministic and recomputed at start if a crash lost them) and ride along with the next
 * commit, or go out after 50 ms.
 *
 * Commits are written in order, so when transaction `n` is durable every earlier row is too.
 * A failed commit is critical: every waiter is rejected and the journal refuses new rows.
 *
 * @example
 * ```ts
 * const journal = new Journal({ sink: writer, heads: { seq: 0, queue: 0, block: 0 } })
 * journal.appendTx(row)
 * const { firstSeq, count, signature, proof } = await journal.waitTx(row.seq) // durable and signed
 * ```
 */
export class Journal {
  private readonly sink: BatchSink
  private txs: TxRow[] = []
  private signatures: SignatureRow[] = []
  private queue: QueueRow[] = []
  private blocks: BlockRow[] = []
  private inFlight = 0
  /** Last transaction sequence number sent to the writer. */
  private sentSeq: number
  /** First sequence number of the last group whose signature was queued for writing. */
  private lastGroup = 0
  private scheduled = false
  private sigTimer: NodeJS.Timeout | undefined
  private readonly txWaiters: { seq: number; resolve: (p: GroupProof) => void; reject: (e: Error) => void }[] = []
  /** Signatures of durable groups not yet written, by first sequence number. */
  private readonly unwritten = new Map<number, Uint8Array>()
  private readonly queueWaiters: { length: number; resolve: () => void; reject: (e: Error) => void }[] = []
  private readonly listeners: ((heads: DurableHeads, committed: WriteBatch) => void)[] = []
  private failure: StoreError | undefined
  private idleWaiters: (() => void)[] = []
  /** Durable heads after the last commit. */
  readonly durable: DurableHeads
  readonly stats: JournalStats = { commits: 0, groups: 0, rows: 0, commitMs: 0, signMs: 0, signWorkMs: 0, maxGroup: 0, maxCommitMs: 0, samples: { commit: new LatencySamples(), roundTrip: new LatencySamples() } }

  constructor(params: { sink: BatchSink; heads: DurableHeads }) {
    this.sink = params.sink
    this.durable = { ...params.heads }
    this.sentSeq = params.heads.seq
  }

  /** The failure that stopped the journal, if any. */
  get failed(): StoreError | undefined {
    return this.failure
  }

  appendTx(row: TxRow): void {
    this.check()
    this.txs.push(row)
    this.schedule()
  }

  /** The signature of the durable group starting at `firstSeq` while it is not yet written (else undefined: read the store). */
  groupSignature(firstSeq: number): Uint8Array | undefined {
    return this.unwritten.get(firstSeq)
  }

  appendQueue(row: QueueRow): void {
    this.check()
    this.queue.push(row)
    this.schedule()
  }

  appendBlock(row: BlockRow): void {
    this.check()
    this.blocks.push(row)
    this.schedule()
  }

  /**
   * Resolves once the appended transaction `seq` is durable and its group signed, with the
   * group and the transaction's Merkle proof. Only for transactions not yet durable (call it
   * right after {@link appendTx}); durable ones are read from the store.
   */
  waitTx(seq: number): Promise<GroupProof> {
    if (this.failure) return Promise.reject(this.failure)
    if (seq <= this.durable.seq) return Promise.reject(new RangeError(`transaction ${seq} is durable already: read its preconfirmation from the store`))
    return new Promise((resolve, reject) => this.txWaiters.push({ seq, resolve, reject }))
  }

  /** Resolves once the queue entries before position `length` are durable. */
  waitQueue(length: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (length <= this.durable.queue) return Promise.resolve()
    return new Promise((resolve, reject) => this.queueWaiters.push({ length, resolve, reject }))
  }

  /** Resolves once everything appended so far is durable (signatures included). */
  async settle(): Promise<void> {
    if (this.failure) throw this.failure
    if (this.inFlight === 0 && !this.hasRows()) return
    this.flush(true)
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve))
    if (this.failure) throw this.failure
  }

  /** Calls `listener` after every commit with the new durable heads and what was written. */
  onCommit(listener: (heads: DurableHeads, committed: WriteBatch) => void): void {
    this.listeners.push(listener)
  }

  private check(): void {
    if (this.failure) throw this.failure
  }

  private hasRows(): boolean {
    return this.txs.length + this.signatures.length + this.queue.length + this.blocks.length > 0
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    // setImmediate: gather everything that arrives in this turn of the event loop.
    setImmediate(() => {
      this.scheduled = false
      this.flush()
    })
  }

  private urgent(): boolean {
    return this.txs.length + this.queue.length + this.blocks.length > 0
  }

  /**
   * Sends what gathered to the writer, even while commits are in flight (up to 32); signatures
   * alone wait for the commits in flight, then up to 50 ms, unless `force`.
   */
  private flush(force = false): void {
    if (this.sigTimer) {
      clearTimeout(this.sigTimer)
      this.sigTimer = undefined
    }
    if (this.failure) return
    if (!this.hasRows()) {
      if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w()
      return
    }
    if (this.inFlight >= MAX_IN_FLIGHT) return
    if (!force && !this.urgent() && this.idleWaiters.length === 0) {
      if (this.inFlight === 0) this.sigTimer = setTimeout(() => this.flush(true), SIGNATURE_DELAY_MS)
      return
    }
    const txs = this.txs.length > MAX_TXS_PER_COMMIT ? this.txs.splice(0, MAX_TXS_PER_COMMIT) : this.txs.splice(0)
    // Blocks and queue entries go with the transactions before them; a block that names
    // transactions still buffered waits for the next commit.
    const lastSeq = txs.at(-1)?.seq ?? this.sentSeq
    const blocks: BlockRow[] = []
    while (this.blocks.length > 0 && this.blocks[0]!.firstSeq + this.blocks[0]!.txCount - 1 <= lastSeq) blocks.push(this.blocks.shift()!)
    const queue: QueueRow[] = []
    while (this.queue.length > 0 && this.queue[0]!.afterSeq <= lastSeq) queue.push(this.queue.shift()!)
    const batch: WriteBatch = { txs, signatures: this.signatures.splice(0), queue, blocks }
    this.inFlight++
    this.sentSeq = lastSeq
    const sentAt = performance.now()
    this.sink.write(batch).then(
      ({ ms, signMs, signWorkMs, group, merged }) => {
        this.inFlight--
        this.stats.samples.roundTrip.add(performance.now() - sentAt)
        const rows = batch.txs.length + batch.signatures.length + batch.queue.length + batch.blocks.length
        this.stats.rows += rows
        if (!merged) {
          this.stats.commits++
          this.stats.commitMs += ms
          this.stats.signMs += signMs
          this.stats.signWorkMs += signWorkMs ?? 0
          this.stats.maxCommitMs = Math.max(this.stats.maxCommitMs, ms)
          this.stats.samples.commit.add(ms)
        }
        const newGroup = group !== null && batch.txs.length > 0 && group.firstSeq > this.lastGroup
        if (newGroup) {
          this.stats.groups++
          this.stats.maxGroup = Math.max(this.stats.maxGroup, group.count)
        }
        if (batch.txs.length > 0) this.durable.seq = batch.txs.at(-1)!.seq
        if (batch.queue.length > 0) this.durable.queue = batch.queue.at(-1)!.position + 1
        if (batch.blocks.length > 0) this.durable.block = batch.blocks.at(-1)!.number
        for (const sig of batch.signatures) this.unwritten.delete(sig.firstSeq)
        let n = 0
        while (n < this.txWaiters.length && this.txWaiters[n]!.seq <= this.durable.seq) n++
        const waiters = this.txWaiters.splice(0, n)
        if (group && batch.txs.length > 0 && group.firstSeq <= batch.txs[0]!.seq && batch.txs.at(-1)!.seq < group.firstSeq + group.count) {
          const { firstSeq, count } = group
          const root = group.levels.at(-1)![0]!
          if (newGroup) {
            // Once per group, though the writer may answer several merged commits with it.
            this.lastGroup = firstSeq
            this.signatures.push({ firstSeq, signature: group.signature })
            this.unwritten.set(firstSeq, group.signature)
          }
          for (const w of waiters) w.resolve({ firstSeq, count, root, signature: group.signature, proof: preconfirmationProof({ levels: group.levels, index: w.seq - firstSeq }) })
        } else if (batch.txs.length > 0) {
          const e = new StoreError({ code: 'STORE_WRITE_FAILED', message: 'a commit of transactions came back without the signed group that holds them' })
          for (const w of waiters) w.reject(e)
        }
        let m = 0
        while (m < this.queueWaiters.length && this.queueWaiters[m]!.length <= this.durable.queue) m++
        for (const w of this.queueWaiters.splice(0, m)) w.resolve()
        for (const l of this.listeners) l(this.durable, batch)
        this.flush()
      },
      (e: unknown) => {
        this.inFlight--
        this.failure = e instanceof StoreError ? e : new StoreError({ code: 'STORE_WRITE_FAILED', message: `group commit failed: ${(e as Error).message}`, cause: e })
        for (const w of [...this.txWaiters.splice(0), ...this.queueWaiters.splice(0)]) w.reject(this.failure)
        for (const w of this.idleWaiters.splice(0)) w()
      },
    )
  }
}
