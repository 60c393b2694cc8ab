import type { Logger } from 'pino'
import type { Address, PublicClient } from 'viem'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import { maxChunksPerBlob, type ChunkParams, type RollupState } from '../../protocol/index.ts'
import type { BatcherConfig, L1Config } from '../config/index.ts'
import { L1Error, SequencerError } from '../errors/index.ts'
import type { L1Sender } from '../l1/L1Sender.ts'
import { withRetry } from '../node/index.ts'
import { queueEntryFromJson } from '../store/queueCodec.ts'
import type { Store } from '../store/Store.ts'
import type { BatchRecord, ChunkRecord } from './BatchRecord.ts'
import { commitKey } from './commitKey.ts'
import { overdueEntry, overdueFromError } from './overdueEntry.ts'
import { confirmedBlock } from './confirmedBlock.ts'
import type { BatchStore } from './BatchStore.ts'
import type { ChunkBuilder } from './ChunkBuilder.ts'
import { cutChunk, type ChunkCut } from './cutChunk.ts'
import { readLogItems, type LogItem } from './readLogItems.ts'
import { WorkerChunkBuilder } from './WorkerChunkBuilder.ts'

/** What the batcher knows of L1 and its own progress (for `rollup_status`). */
export interface BatcherStatus {
  committedBatch: number | null
  provenBatch: number | null
  finalizedBatch: number | null
  /** L1 queue length at the last poll (confirmed head). */
  l1QueueLength: number | null
  /** Queue entries consumed by committed batches on L1. */
  committedQueue: number | null
  /** The contract's inclusion delay, seconds. */
  inclusionDelay: number | null
  /** Queue position and L1 time (unix seconds) of the oldest entry not consumed by a committed batch, if known. */
  oldestPending: { position: number; timestamp: number } | null
  /** Log items waiting for a batch: in built chunks and not yet cut. */
  unbatched: { chunks: number; items: number }
  /** `starting` until `init` is done (the state is rebuilt, L1 reconciled), `failed` after a critical error. */
  phase: 'starting' | 'ready' | 'failed'
  failed: SequencerError | undefined
}

interface Built {
  /** The chunk's id in the {@link ChunkBuilder}. */
  id: number
  record: ChunkRecord
  cut: ChunkCut
}

/**
 * The batcher: turns the durable log (queue entries and L2 transactions in log order, read
 * from the store) into chunks and batches and commits them to L1 through an {@link L1Sender}.
 *
 * Chunks: cut by `cutChunk` (a new chunk at every run of queue entries, so a queue entry
 * logged after a transaction always lands in a later chunk), built with protocol's
 * `buildLogChunkFast` on a fork of the state after the last sealed batch (a node-style
 * `DeferredState`: the same chunks as protocol's `buildChunk`, without the Merkle witnesses
 * the sequencer does not need), and checked against the log (every preconfirmed transaction
 * included, in order, with its number and hash). The state, the chunks and the commit
 * payloads (blob, KZG) live in a {@link ChunkBuilder}: by default a worker thread, so that
 * batching never stalls the event loop that answers preconfirmations.
 * A batch is at most `maxChunks` chunks (capped by the blob's capacity and the contract's
 * `maxChunksPerBatch`); it is sealed when full, when its oldest item is `maxBatchAgeMs` old,
 * when a queue entry is within `deadlineMarginSeconds` (at most half the contract's
 * `inclusionDelay`) of its inclusion deadline, or when a preconfirmation's L1 deadline is as
 * close.
 *
 * Sealing records the batch (status `sealed`) durably before it is sent with key
 * `commitKey(record)` (`commit:batch:<n>`, or `commit:batch:<n>:<attempt>` for a rebuilt
 * batch `n`), as a blob with the calldata alternative. After the receipt, L1's record
 * of batch `n` must carry this batch's state root and queue end: then it is `committed`. Each
 * poll reads L1 at the confirmed head (`heads()`, `chunkState`) and moves batches to `proven`
 * and `finalized`.
 *
 * Failure policy (critical errors stop the batcher and call `onCritical`; the process should
 * restart): `COMMIT_REVERTED` when a commit reverted and L1 does not hold the batch;
 * `BATCH_CONFLICT` when L1 holds a batch this sequencer did not build (another committer, e.g.
 * a permissionless commit-and-prove, or other roots): there is no automatic resync;
 * `BATCHES_REVERTED` when L1 reverted committed batches: the restart marks them `reverted` and
 * rebuilds them from the log. At start, a `sealed` batch L1 already holds (same roots) is
 * marked committed and never resent; one L1 does not hold is resent with the same key.
 *
 * Overdue batches: before each commit attempt of a sealed batch (the ones to resend at start
 * included, at the first round) and after a failed one, the batcher asks L1 whether it would
 * refuse the batch as overdue (`overdueEntry`). If so, that batch and every later sealed one
 * are marked `reverted`, the state is rebuilt from the batches L1 holds (the init path) and
 * the log is batched again in log order; the rebuilt batch reuses the number with the next
 * `attempt` (a new commit key). Known limit: when more preconfirmed transactions are logged
 * before the overdue entry than `maxChunks` chunks hold, no batch can consume it without moving
 * it ahead of them; the batcher logs a `warn` with the numbers and sends the batch as is (L1
 * refuses it; a permissionless take-over includes the entry).
 *
 * @example
 * ```ts
 * const batcher = new Batcher({ store, batches, client, sender, rollup, params, domain, genesis, config: config.batcher, l1: config.l1, logger })
 * await batcher.init()
 * batcher.start()
 * ```
 */
export class Batcher {
  private readonly store: Store
  private readonly batches: BatchStore
  private readonly client: PublicClient
  private readonly sender: L1Sender
  private readonly rollup: Address
  private readonly params: ChunkParams
  private readonly domain: bigint
  private readonly genesis: RollupState
  private readonly config: BatcherConfig
  private readonly l1: L1Config
  private readonly logger: Logger
  private readonly now: () => number
  private readonly onCritical: (e: SequencerError) => void

  private builder!: ChunkBuilder
  private readonly makeBuilder: (() => Promise<ChunkBuilder>) | undefined
  /** Cursor after the last sealed batch. */
  private queuePos = 0
  private nextSeq = 1
  private queueHash = 0n
  /** Cursor after the built chunks (the buffer starts here). */
  private workQueuePos = 0
  private workSeq = 1
  private workQueueHash = 0n
  /** Read cursor: after the buffer. */
  private readQueue = 0
  private readSeq = 1
  private built: Built[] = []
  private buffer: LogItem[] = []
  private resend: { record: BatchRecord; ids: number[] }[] = []
  private maxChunks = 1
  /** The contract's `maxChunksPerBatch`. */
  private contractMaxChunks = 1
  /** Batch number -> the overdue queue position it was last unsealed for (a rebuild that cannot take the entry is not repeated). */
  private readonly unsealedFor = new Map<number, number>()
  private inclusionDelay: number | null = null
  private heads: { l1QueueLength: number; committedQueue: number; committedBatches: number; finalizedBatches: number } | undefined
  private readonly entryTimes = new Map<number, number>()
  private failure: SequencerError | undefined
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private stopped = false
  /** `init` in progress or done; `ready` once it succeeded. */
  private initializing: Promise<void> | undefined
  private ready = false

  constructor(params: {
    store: Store
    batches: BatchStore
    client: PublicClient
    sender: L1Sender
    rollup: Address
    params: ChunkParams
    domain: bigint
    /** The L1 genesis state (empty tree): the state before batch 1. */
    genesis: RollupState
    config: BatcherConfig
    l1: L1Config
    logger: Logger
    now?: () => number
    onCritical?: (e: SequencerError) => void
    /**
     * Makes the builder of chunks and commit payloads (default: a `WorkerChunkBuilder` over
     * `genesis`, off the main thread). The batcher closes it at {@link stop}.
     */
    builder?: () => Promise<ChunkBuilder>
  }) {
    this.store = params.store
    this.batches = params.batches
    this.client = params.client
    this.sender = params.sender
    this.rollup = params.rollup
    this.params = params.params
    this.domain = params.domain
    this.genesis = params.genesis
    this.config = params.config
    this.l1 = params.l1
    this.logger = params.logger.child({ part: 'batcher' })
    this.now = params.now ?? Date.now
    this.onCritical = params.onCritical ?? (() => {})
    this.makeBuilder = params.builder
  }

  private read<T>(functionName: string, args: readonly unknown[] = [], blockNumber?: bigint): Promise<T> {
    return withRetry({
      what: `${functionName}(${args.join(', ')})`,
      fn: () => this.client.readContract({ address: this.rollup, abi: counterweightRollupAbi, functionName, args, ...(blockNumber !== undefined ? { blockNumber } : {}) } as never) as Promise<T>,
      policy: { attempts: 4 },
    })
  }

  /**
   * Reads the contract's limits, reconciles the stored batches with L1 (marks reverted ones,
   * marks sealed ones L1 holds as committed, queues the others for resending), and rebuilds
   * the state after the last sealed batch by replaying the recorded chunks.
   */
  async init(): Promise<void> {
    this.initializing ??= (async () => {
      try {
        await this.initOnce()
        this.ready = true
      } catch (e) {
        await this.builder?.close()
        throw e
      }
    })()
    return this.initializing
  }

  private async initOnce(): Promise<void> {
    const [domain, inclusionDelay, contractMax, genesisRoot] = await Promise.all(
      (['domain', 'inclusionDelay', 'maxChunksPerBatch', 'genesisStateRoot'] as const).map((f) => this.read<bigint>(f)),
    )
    if (domain !== this.domain) throw new L1Error({ code: 'BATCH_CONFLICT', message: `the rollup at ${this.rollup} has domain ${domain}, this sequencer signs for ${this.domain}` })
    if (genesisRoot !== this.genesis.root) throw new L1Error({ code: 'BATCH_CONFLICT', message: `the rollup's genesis state root is ${genesisRoot}, the sequencer's genesis state has root ${this.genesis.root}` })
    this.inclusionDelay = Number(inclusionDelay!)
    this.contractMaxChunks = Number(contractMax!)
    this.maxChunks = Math.min(this.config.maxChunks, maxChunksPerBlob(this.params), this.contractMaxChunks)
    const [, , , committedBatches] = await this.read<readonly bigint[]>('heads')
    const l1Committed = Number(committedBatches)
    const records = this.batches.all()
    const ours = records.at(-1)?.number ?? 0
    if (l1Committed > ours) throw new L1Error({ code: 'BATCH_CONFLICT', message: `L1 holds ${l1Committed} batches, this sequencer's store only ${ours}: another committer (a permissionless commit-and-prove?) committed batch ${ours + 1}; automatic resync is not implemented` })
    const changed: BatchRecord[] = []
    let reverted = false
    for (const r of records) {
      if (reverted || (r.number > l1Committed && r.status !== 'sealed')) {
        reverted = true
        changed.push({ ...r, status: 'reverted' })
        continue
      }
      if (r.status === 'sealed' && r.number <= l1Committed) {
        await this.checkL1Holds(r)
        changed.push({ ...r, status: 'committed' })
      }
    }
    if (changed.length > 0) await this.batches.save(...changed)
    if (reverted) this.logger.warn({ from: changed.find((r) => r.status === 'reverted')?.number }, 'L1 reverted batches of this sequencer: rebuilding them from the log')

    this.builder = await (this.makeBuilder ?? (() => WorkerChunkBuilder.start({ genesis: this.genesis, params: this.params, domain: this.domain })))()
    for (const r of this.batches.all()) {
      const ids: number[] = []
      for (const c of r.chunks) {
        const entries = this.store.queueFrom(c.queueStart, c.queueCount).map((q) => queueEntryFromJson(q.entry))
        const txs = this.store.txRange(c.firstSeq, c.txCount).map((t) => t.signed)
        const chunk = await this.builder.replay({ record: c, entries, txs, startHash: this.queueHash, keep: r.status === 'sealed' })
        this.queueHash = chunk.newQueueHash
        ids.push(chunk.id)
      }
      this.queuePos = r.queueEnd
      this.nextSeq = r.firstSeq + r.txCount
      if (r.status === 'sealed') this.resend.push({ record: r, ids })
    }
    await this.resetWork()
    this.logger.info({ batches: this.batches.latest()?.number ?? 0, queue: this.queuePos, nextSeq: this.nextSeq, resend: this.resend.length, maxChunks: this.maxChunks }, 'batcher ready')
  }

  private async resetWork(): Promise<void> {
    await this.builder.reset()
    this.workQueuePos = this.readQueue = this.queuePos
    this.workSeq = this.readSeq = this.nextSeq
    this.workQueueHash = this.queueHash
    this.built = []
    this.buffer = []
  }

  /** Polls every `l1.pollMs` until {@link stop} or a critical failure; while {@link init} runs, from its end on. */
  start(): void {
    if (this.timer || this.stopped) return
    const loop = async (): Promise<void> => {
      await this.tick().catch(() => {})
      if (!this.stopped && !this.failure) this.timer = setTimeout(() => void loop(), this.l1.pollMs)
    }
    this.timer = setTimeout(() => void (this.ready || !this.initializing ? loop() : this.initializing.then(loop, () => {})), 0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.initializing?.catch(() => {})
    await this.running?.catch(() => {})
    await this.builder?.close()
  }

  status(): BatcherStatus {
    const h = this.batches.heads()
    const pendingPos = this.heads?.committedQueue
    const ts = pendingPos !== undefined && pendingPos < (this.heads?.l1QueueLength ?? 0) ? this.entryTime(pendingPos) : undefined
    return {
      committedBatch: h.committed,
      provenBatch: h.proven,
      finalizedBatch: h.finalized,
      l1QueueLength: this.heads?.l1QueueLength ?? null,
      committedQueue: this.heads?.committedQueue ?? null,
      inclusionDelay: this.inclusionDelay,
      oldestPending: pendingPos !== undefined && ts !== undefined ? { position: pendingPos, timestamp: ts } : null,
      unbatched: { chunks: this.built.length, items: this.built.reduce((n, b) => n + b.cut.queue.length + b.record.txCount, 0) + this.buffer.length },
      phase: this.failure ? 'failed' : this.ready ? 'ready' : 'starting',
      failed: this.failure,
    }
  }

  /** One round: L1 statuses, new log items, chunks, and at most the batches that are due. One round at a time. */
  tick(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (!this.ready) return Promise.reject(new L1Error({ code: 'L1_UNAVAILABLE', message: 'the batcher is starting (init has not finished)' }))
    this.running ??= this.tickOnce()
      .catch((e: unknown) => {
        if (e instanceof SequencerError && e.severity === 'critical') {
          this.failure = e
          this.logger.fatal({ code: e.code }, e.message)
          this.onCritical(e)
        } else {
          this.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'batcher: round failed; retrying at the next poll')
        }
        throw e
      })
      .finally(() => {
        this.running = undefined
      })
    return this.running
  }

  private async tickOnce(): Promise<void> {
    await this.flushResend()
    await this.refreshL1()
    this.readNew()
    await this.buildChunks(false)
    while (!this.stopped) {
      const full = this.built.length >= this.maxChunks
      if (!full && !(await this.due())) return
      if (!full) await this.buildChunks(true)
      if (this.built.length === 0) return
      await this.seal()
      this.readNew()
      await this.buildChunks(false)
    }
  }

  private readNew(): void {
    const limit = Math.max(64, this.maxChunks * this.params.nTx)
    const items = readLogItems({ store: this.store, queue: this.readQueue, seq: this.readSeq, limit, now: this.now() })
    for (const it of items) {
      if (it.kind === 'queue') this.readQueue = it.position + 1
      else this.readSeq = it.seq + 1
      if (it.kind === 'queue' && it.origin) this.entryTimes.set(it.position, Number(it.origin.timestamp))
    }
    this.buffer.push(...items)
  }

  /**
   * Builds chunks from the buffer until the batch is full: only complete ones, or with `final`
   * also the last partial one, one at a time in the builder (a worker thread by default: the
   * event loop that answers RPC requests goes on meanwhile).
   */
  private async buildChunks(final: boolean): Promise<void> {
    while (this.built.length < this.maxChunks && this.buffer.length > 0 && !this.stopped) {
      const cut = cutChunk({ items: this.buffer, params: this.params, final })
      if (!cut) return
      await this.buildOne(cut)
    }
  }

  private async buildOne(cut: ChunkCut): Promise<void> {
    const feeAccounts = [...this.config.feeAccounts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, i]) => i)
    const { id, record, txCount, newQueueHash } = await this.builder.build({ cut, queuePos: this.workQueuePos, startHash: this.workQueueHash, nextSeq: this.workSeq, feeAccounts })
    const used = cut.queue.length + txCount
    // Items of the cut are at the front of the buffer, queue entries first.
    this.buffer.splice(0, used)
    this.built.push({ id, record, cut: { queue: cut.queue, txs: cut.txs.slice(0, txCount) } })
    this.workQueuePos += cut.queue.length
    this.workSeq += txCount
    this.workQueueHash = newQueueHash
  }

  /** True when the oldest unbatched item is too old or a deadline is close. */
  private async due(): Promise<boolean> {
    const items = [...this.built.flatMap((b) => [...b.cut.queue, ...b.cut.txs] as LogItem[]), ...this.buffer]
    if (items.length === 0) return false
    const now = this.now()
    const nowS = Math.floor(now / 1000)
    let oldestMs = Infinity
    let deadline = Infinity
    for (const it of items) {
      if (it.kind === 'tx') {
        oldestMs = Math.min(oldestMs, it.tx.acceptedMs)
        deadline = Math.min(deadline, it.tx.l1Deadline)
      } else {
        oldestMs = Math.min(oldestMs, it.seenMs)
      }
    }
    if (now - oldestMs >= this.config.maxBatchAgeMs) return true
    const delay = this.inclusionDelay ?? 0
    const margin = Math.min(this.config.deadlineMarginSeconds, Math.floor(delay / 2))
    if (nowS + margin >= deadline) return true
    const firstQueue = items.find((it) => it.kind === 'queue') as Extract<LogItem, { kind: 'queue' }> | undefined
    if (firstQueue) {
      const t = this.entryTime(firstQueue.position) ?? (await this.loadEntryTime(firstQueue.position))
      const block = await this.client.getBlock({ blockTag: 'latest' })
      const l1Now = Math.max(nowS, Number(block.timestamp))
      if (l1Now + margin >= t + delay) return true
    }
    return false
  }

  private entryTime(position: number): number | undefined {
    return this.entryTimes.get(position)
  }

  /** When L1 queue entry `position` was added (unix seconds), read from L1 once; undefined when L1 has no such entry. */
  async entryTimeOf(position: number): Promise<number | undefined> {
    const known = this.entryTimes.get(position)
    if (known !== undefined) return known
    const [length] = await this.read<readonly bigint[]>('heads')
    if (BigInt(position) >= length!) return undefined
    return this.loadEntryTime(position)
  }

  /** The contract's inclusion delay (seconds), read at `init`. */
  get inclusionDelaySeconds(): number | null {
    return this.inclusionDelay
  }

  private async loadEntryTime(position: number): Promise<number> {
    const t = Number(await this.read<bigint>('queueEntryTime', [BigInt(position)]))
    this.entryTimes.set(position, t)
    return t
  }

  private async seal(): Promise<void> {
    const take = this.built.splice(0, this.maxChunks)
    if (this.built.length > 0) throw new Error('unreachable: more chunks built than a batch holds')
    const number = (this.batches.latest()?.number ?? 0) + 1
    // A number reused after a revert or an unseal: a new generation, committed under a new key.
    const previous = this.batches.get(number)
    const attempt = previous?.status === 'reverted' ? previous.attempt + 1 : 0
    const ids = take.map((b) => b.id)
    const record: BatchRecord = {
      number,
      status: 'sealed',
      queueStart: this.queuePos,
      queueEnd: this.workQueuePos,
      firstSeq: this.nextSeq,
      txCount: this.workSeq - this.nextSeq,
      stateRoot: take.at(-1)!.record.publicInputs[1]!,
      chunks: take.map((b) => b.record),
      sealedMs: this.now(),
      l1: undefined,
      attempt,
    }
    await this.batches.save(record)
    // The batch is durable: it is part of the base from now on, also after a restart.
    await this.builder.seal()
    this.queuePos = this.workQueuePos
    this.nextSeq = this.workSeq
    this.queueHash = this.workQueueHash
    this.logger.info({ batch: number, attempt, chunks: ids.length, txs: record.txCount, queue: record.queueEnd - record.queueStart }, 'batch sealed')
    this.resend.push({ record, ids })
    await this.flushResend()
  }

  /**
   * Sends the sealed batches not yet committed, in order (a failed send is retried at the next
   * round). A batch L1 would refuse as overdue is unsealed and rebuilt instead (checked before
   * each attempt and after a failed one).
   */
  private async flushResend(): Promise<void> {
    while (this.resend.length > 0) {
      const r = this.resend[0]!
      if (await this.unsealIfOverdue({ record: r.record, error: undefined })) return
      try {
        await this.commit(r.record, r.ids)
      } catch (e) {
        let unsealed = false
        try {
          unsealed = await this.unsealIfOverdue({ record: r.record, error: e })
        } catch (e2) {
          if (e2 instanceof SequencerError && (e2.code === 'COMMIT_DEFERRED' || e2.severity === 'critical')) throw e2
          this.logger.warn({ batch: r.record.number, err: e2 instanceof Error ? e2.message : String(e2) }, 'batcher: overdue check after a failed commit failed')
        }
        if (unsealed) return
        throw e
      }
      this.resend.shift()
    }
  }

  /**
   * When L1 would refuse sealed batch `record` as overdue ({@link overdueEntry}) and a rebuild
   * can take the overdue entry: marks it and every later sealed batch `reverted` and rebuilds
   * the state after the last batch L1 holds (the init path, with fresh cursors); the next
   * rounds build again from the log. Returns true when it unsealed.
   *
   * The margin (`deadlineMarginSeconds`) counts only when the commit key was never sent or its
   * transaction reverted: a transaction of it still in the mempool could otherwise land after
   * all, next to the rebuilt batch.
   */
  private async unsealIfOverdue(params: { record: BatchRecord; error: unknown }): Promise<boolean> {
    const { record, error } = params
    if (this.inclusionDelay === null) return false
    const key = commitKey(record)
    const outcome = this.sender.outcome(key)
    const unsent = outcome === undefined || (typeof outcome === 'object' && outcome.status === 'reverted')
    const margin = unsent ? Math.min(this.config.deadlineMarginSeconds, Math.floor(this.inclusionDelay / 2)) : 0
    const [[queueLength, , , committedBatches], block] = await Promise.all([this.read<readonly bigint[]>('heads'), this.client.getBlock({ blockTag: 'latest' })])
    if (record.queueEnd >= Number(queueLength)) return false
    const entryTime = this.entryTime(record.queueEnd) ?? (await this.loadEntryTime(record.queueEnd))
    const overdue = overdueEntry({
      record,
      l1Committed: Number(committedBatches),
      maxChunksPerBatch: this.contractMaxChunks,
      nQueue: this.params.nQueue,
      l1QueueLength: Number(queueLength),
      entryTime,
      l1Time: Number(block.timestamp),
      inclusionDelay: this.inclusionDelay,
      margin,
    })
    if (!overdue) return false
    const log = { batch: record.number, attempt: record.attempt, key, position: overdue.position, entryTime: overdue.timestamp, inclusionDelay: this.inclusionDelay, l1Time: Number(block.timestamp), margin, revert: overdueFromError(error) }
    if (this.unsealedFor.get(record.number) === overdue.position) {
      this.logger.warn({ ...log, queueEnd: record.queueEnd }, 'the rebuilt batch still cannot take the overdue queue entry (more preconfirmed transactions are logged before it than a batch holds): sending it as is; a permissionless take-over will include the entry')
      return false
    }
    const need = this.chunksToReach({ record, position: overdue.position })
    if (need === undefined) {
      this.logger.info(log, 'batch would be refused as overdue; waiting until the queue entry is in the local log to rebuild it')
      throw new L1Error({ code: 'COMMIT_DEFERRED', message: `batch ${record.number} would be refused as overdue (queue entry ${overdue.position}); the entry is not in the local log yet` })
    }
    if (need > this.maxChunks) {
      this.unsealedFor.set(record.number, overdue.position)
      this.logger.warn({ ...log, chunksNeeded: need, maxChunks: this.maxChunks }, 'batch is overdue but a rebuilt batch cannot take the overdue queue entry either (more preconfirmed transactions are logged before it than a batch holds): sending it as is; a permissionless take-over will include the entry')
      return false
    }
    this.logger.warn(log, 'L1 would refuse sealed batch as overdue: unsealing it and every later sealed batch, rebuilding from the log')
    this.unsealedFor.set(record.number, overdue.position)
    const later = this.batches.all().filter((b) => b.number >= record.number && b.status === 'sealed')
    await this.batches.save(...later.map((b) => ({ ...b, status: 'reverted' as const })))
    await this.builder.close()
    this.queuePos = 0
    this.nextSeq = 1
    this.queueHash = 0n
    this.resend = []
    this.built = []
    this.buffer = []
    try {
      await this.initOnce()
    } catch (e) {
      throw new L1Error({ code: 'REBUILD_FAILED', message: `rebuilding the state after unsealing batch ${record.number} failed (${e instanceof Error ? e.message : String(e)}); restart to rebuild it`, cause: e })
    }
    return true
  }

  /**
   * A lower bound on the chunks a batch from `record`'s start needs to consume queue entry
   * `position` (the log before it, cut as `cutChunk` does; `buildChunk` may take fewer
   * transactions per chunk), or undefined when the entry is not in the local log yet.
   */
  private chunksToReach(params: { record: BatchRecord; position: number }): number | undefined {
    const { record, position } = params
    const limit = (this.maxChunks + 1) * (this.params.nTx + this.params.nQueue)
    let items = readLogItems({ store: this.store, queue: record.queueStart, seq: record.firstSeq, limit, now: this.now() })
    const at = items.findIndex((it) => it.kind === 'queue' && it.position === position)
    if (at < 0) return this.store.queueFrom(position, 1).length === 0 ? undefined : this.maxChunks + 1
    items = items.slice(0, at + 1)
    let chunks = 0
    while (items.length > 0) {
      const cut = cutChunk({ items, params: this.params, final: true })!
      items = items.slice(cut.queue.length + cut.txs.length)
      chunks++
    }
    return chunks
  }

  private async commit(record: BatchRecord, ids: readonly number[]): Promise<void> {
    // Blob encoding, KZG commitment and opening: in the builder (a worker thread by default).
    const { data, blob, calldataAlternative, boundPublicInputs } = await this.builder.payload({ ids, queueStart: record.queueStart })
    const receipt = await this.sender.send({ key: commitKey(record), to: this.rollup, data, blob, ...(this.config.dataPath === 'blob' ? {} : { calldataAlternative }) })
    if (receipt.status !== 'success') {
      // The same batch may have landed through another transaction of the same key.
      const [, , , committed] = await this.read<readonly bigint[]>('heads')
      if (Number(committed) < record.number) throw new L1Error({ code: 'COMMIT_REVERTED', message: `the commit of batch ${record.number} reverted (${receipt.transactionHash}) and L1 does not hold it` })
    }
    await this.checkL1Holds(record)
    // Through the blob, L1 holds the blob-bound public inputs (challenge, shares): record those.
    const recorded = receipt.via === 'blob' ? record.chunks.map((c, k) => ({ ...c, publicInputs: boundPublicInputs[k]! })) : record.chunks
    const committed: BatchRecord = { ...record, chunks: recorded, status: 'committed', l1: { transactionHash: receipt.transactionHash, blockNumber: receipt.blockNumber, via: receipt.via } }
    await this.batches.save(committed)
    await this.builder.release(ids)
    this.logger.info({ batch: record.number, tx: receipt.transactionHash, via: receipt.via }, 'batch committed')
  }

  /** Throws `BATCH_CONFLICT` unless L1's batch `record.number` has this record's state root and queue end. */
  private async checkL1Holds(record: BatchRecord): Promise<void> {
    const [info, stateRoot] = await this.read<readonly [{ queueEnd: number | bigint; chunkCount: number | bigint }, bigint, `0x${string}`]>('batchInfo', [BigInt(record.number)])
    if (stateRoot !== record.stateRoot || Number(info.queueEnd) !== record.queueEnd || Number(info.chunkCount) !== record.chunks.length) {
      throw new L1Error({
        code: 'BATCH_CONFLICT',
        message: `L1's batch ${record.number} (state root ${stateRoot}, queue end ${info.queueEnd}) is not the one this sequencer built (state root ${record.stateRoot}, queue end ${record.queueEnd}): another committer? automatic resync is not implemented`,
      })
    }
  }

  /** Moves batches to proven and finalized from L1 at the confirmed head; detects reverts and foreign batches. */
  private async refreshL1(): Promise<void> {
    const head = await this.client.getBlockNumber({ cacheTime: 0 })
    const at = confirmedBlock({ head, confirmations: this.l1.confirmations, fromBlock: this.l1.fromBlock })
    const [queueLength, committedQueue, , committedBatches, finalizedBatches] = await this.read<readonly bigint[]>('heads', [], at)
    const [, , , latestCommitted] = await this.read<readonly bigint[]>('heads')
    this.heads = { l1QueueLength: Number(queueLength), committedQueue: Number(committedQueue), committedBatches: Number(committedBatches), finalizedBatches: Number(finalizedBatches) }
    const ours = this.batches.latest()?.number ?? 0
    if (Number(latestCommitted) > ours) throw new L1Error({ code: 'BATCH_CONFLICT', message: `L1 holds batch ${latestCommitted}, which this sequencer did not commit (its last is ${ours}): another committer (a permissionless commit-and-prove?); automatic resync is not implemented` })
    const changed: BatchRecord[] = []
    for (const r of this.batches.unfinalized()) {
      if (!r.l1 || r.l1.blockNumber > at) continue
      if (r.number > this.heads.committedBatches) {
        throw new L1Error({ code: 'BATCHES_REVERTED', message: `L1 reverted batch ${r.number} of this sequencer (unproven past its proof window); restart to rebuild it from the log` })
      }
      if (r.number <= this.heads.finalizedBatches) {
        changed.push({ ...r, status: 'finalized' })
        continue
      }
      if (r.status === 'committed') {
        let proven = true
        for (let k = 0; k < r.chunks.length && proven; k++) {
          const [p] = await this.read<readonly [boolean, bigint]>('chunkState', [BigInt(r.number), BigInt(k)], at)
          proven = p
        }
        if (proven) changed.push({ ...r, status: 'proven' })
      }
    }
    if (changed.length > 0) await this.batches.save(...changed)
    const pos = this.heads.committedQueue
    if (pos < this.heads.l1QueueLength && this.entryTime(pos) === undefined) await this.loadEntryTime(pos)
  }
}
