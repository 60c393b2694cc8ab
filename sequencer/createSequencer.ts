import { readFileSync } from 'node:fs'
import { pino, type Logger } from 'pino'
import type { PublicClient } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { RollupState, addressToBigint, applyDaTx, applyQueueEntry, domainHash, type QueueEntry, type QueueOutcome, type SignedL2Tx } from '../protocol/index.ts'
import { Batcher, type BatcherStatus } from './batcher/Batcher.ts'
import { BatchStore } from './batcher/BatchStore.ts'
import { BlockSealer } from './blocks/BlockSealer.ts'
import { blockHash } from './blocks/blockHash.ts'
import type { SequencerConfig } from './config/index.ts'
import { CryptoPool } from './crypto/CryptoPool.ts'
import { InlineCrypto } from './crypto/InlineCrypto.ts'
import { ConfigError, L1Error, SequencerError, StoreError } from './errors/index.ts'
import type { L1Sender } from './l1/L1Sender.ts'
import { QueueFollower, type FollowerStatus } from './l1/QueueFollower.ts'
import { BondGuard } from './l1/BondGuard.ts'
import { BondTopUp } from './l1/BondTopUp.ts'
import { hashToBytes } from './mempool/hashBytes.ts'
import { Mempool, type AcceptedTx, type MempoolStats } from './mempool/Mempool.ts'
import { sequencerMetrics, type SequencerMetrics } from './metrics/sequencerMetrics.ts'
import { AccountView } from './state/AccountView.ts'
import { checkL2Tx } from './state/checkL2Tx.ts'
import { Journal } from './store/Journal.ts'
import { queueEntryFromJson, queueOriginFromJson, type QueueOrigin } from './store/queueCodec.ts'
import type { BlockRow } from './store/rows.ts'
import { Store } from './store/Store.ts'
import { StoreWriter } from './store/StoreWriter.ts'
import { resignGroups, storedPreconfirmation } from './store/storedPreconfirmation.ts'

/** Every head of the pipeline this phase has; later phases fill the `null`s. */
export interface SequencerStatus {
  chainId: bigint
  l2ChainId: bigint
  rollup: `0x${string}`
  sequencer: `0x${string}`
  /** Last sequence number given out (its preconfirmation may still be on its way). */
  acceptedSequence: number
  /** Last sequence number that is durable (every preconfirmation up to it was or can be answered). */
  preconfirmedSequence: number
  sealedBlock: BlockRow
  /** L1 queue entries applied to the pending state. */
  queueApplied: number
  pending: MempoolStats
  startedAt: number
  /** The L1 side, when the sequencer follows L1 and batches. */
  l1: { batcher: BatcherStatus; follower: FollowerStatus } | undefined
}

/** The L1 parts' dependencies: a client of the L1 endpoint and who sends L1 transactions. */
export interface SequencerL1 {
  client: PublicClient
  sender: L1Sender
}

/** A running sequencer: its parts, and what the RPC server and the CLI call. */
export interface Sequencer {
  readonly config: SequencerConfig
  /** The address of the key that signs preconfirmations. */
  readonly address: `0x${string}`
  /** The deployment's signing domain (`domainHash`). */
  readonly domain: bigint
  readonly version: string
  readonly view: AccountView
  readonly store: Store
  readonly journal: Journal
  readonly mempool: Mempool
  readonly sealer: BlockSealer
  /** The batches the batcher sealed (empty without L1). */
  readonly batches: BatchStore
  /** The batcher, when the sequencer was given its L1 dependencies. */
  readonly batcher: Batcher | undefined
  /** The L1 queue follower, when the sequencer was given its L1 dependencies. */
  readonly follower: QueueFollower | undefined
  /** Worker threads for signature checks and preconfirmation signing (inline when `workers` is 0). */
  readonly pool: CryptoPool | InlineCrypto
  readonly metrics: SequencerMetrics
  readonly logger: Logger
  /** Accepts a signed transaction; resolves with its durable, signed preconfirmation. */
  submit(signed: SignedL2Tx): Promise<AcceptedTx>
  /** Applies L1 queue entries from `position` (the L1 follower's entry point; tests fund accounts with it). */
  applyQueueEntries(params: { position: number; entries: readonly QueueEntry[]; origins?: readonly QueueOrigin[] }): Promise<QueueOutcome[]>
  status(): SequencerStatus
  /** Calls `listener` with every new preconfirmation once durable and signed; returns how to stop. */
  onPreconfirmed(listener: (accepted: AcceptedTx) => void): () => void
  /** Calls `listener` with every sealed block once durable; returns how to stop. */
  onBlock(listener: (block: BlockRow) => void): () => void
  /** Starts sealing blocks (and, with L1, following the queue and batching). */
  start(): void
  /** Stops taking transactions, answers those in progress, writes everything, and closes. */
  stop(): Promise<void>
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version

/**
 * Builds a sequencer from its configuration: opens (or creates) the store, rebuilds the
 * pending state by replaying the log over `genesis` (refusing a store of another deployment
 * or a log that does not apply), signs any preconfirmation a crash left unwritten, and starts
 * the writer thread and the crypto workers. With `l1` (a client of the L1 endpoint and an
 * {@link L1Sender}) it also builds the L1 queue follower and the batcher (whose `init`
 * reconciles the stored batches with L1 here). Nothing listens yet: pass it to
 * `createRpcServer`, and call {@link Sequencer.start} to seal blocks, follow and batch.
 *
 * @example
 * ```ts
 * const sequencer = await createSequencer({ config: configFromEnv(process.env) })
 * const app = createRpcServer({ sequencer })
 * sequencer.start()
 * await app.listen({ port: sequencer.config.http.port })
 * ```
 */
export async function createSequencer(params: {
  config: SequencerConfig
  /** The state the log applies to (defaults to an empty tree of the configured depth). */
  genesis?: RollupState
  logger?: Logger
  metrics?: SequencerMetrics
  now?: () => number
  /** Called once if the store or the L1 side fails critically: the process should exit and restart. */
  onCritical?: (e: SequencerError) => void
  /**
   * L1 dependencies: with them the sequencer follows the L1 queue and batches (genesis must
   * then be L1's, an empty tree). A promise is awaited while the writer thread and the crypto
   * workers start (its main-thread work, e.g. loading the KZG setup, overlaps their start-up).
   */
  l1?: SequencerL1 | Promise<SequencerL1>
  /**
   * `await` (default): the batcher's `init` (its worker, the replay of the recorded chunks,
   * the reconciliation with L1) runs before this resolves, and its errors reject it.
   * `background`: it starts at {@link Sequencer.start} and runs meanwhile, so that the RPC
   * server can listen and take transactions at once (they only go to the durable log);
   * `rollup_status` and `/health` say the batcher is `starting` until it is ready, and an init
   * failure goes to `onCritical`.
   */
  batcherInit?: 'await' | 'background'
}): Promise<Sequencer> {
  const { config } = params
  const now = params.now ?? Date.now
  const logger = params.logger ?? pino({ level: config.logLevel, base: { service: 'sequencer' } })
  const metrics = params.metrics ?? sequencerMetrics()
  const genesis = params.genesis ?? new RollupState({ depth: config.params.depth })
  if (genesis.depth !== config.params.depth) {
    throw new ConfigError([{ field: 'params.depth', message: `is ${config.params.depth}, but the genesis state has depth ${genesis.depth}` }])
  }
  const domain = domainHash({ chainId: config.chainId, rollupAddress: addressToBigint(config.rollupAddress) })
  const address = privateKeyToAddress(config.sequencerKey)

  const opened = performance.now()
  const store = Store.open({
    path: config.dbPath,
    synchronous: config.synchronous,
    deployment: { chainId: config.chainId, rollupAddress: config.rollupAddress, depth: config.params.depth, genesisRoot: genesis.root },
    genesisTimestamp: Math.floor(now() / 1000),
    genesisBlockHash: blockHash,
  })

  // Rebuild the pending state: genesis, then the log in order.
  const view = AccountView.fromState(genesis)
  let expectedSeq = 1
  let queueLength = 0
  try {
    for (const step of store.replay()) {
      if (step.kind === 'queue') {
        if (step.row.position !== queueLength) throw new StoreError({ code: 'STORE_CORRUPT', message: `queue entry ${step.row.position} follows entry ${queueLength - 1}` })
        applyQueueEntry({ state: view, entry: queueEntryFromJson(step.row.entry), exitPosition: 0 })
        queueLength++
        continue
      }
      const { seq, signed } = step.tx
      if (seq !== expectedSeq) throw new StoreError({ code: 'STORE_CORRUPT', message: `the log jumps from sequence number ${expectedSeq - 1} to ${seq}` })
      const check = checkL2Tx({ state: view, tx: signed.tx })
      if (!check.ok) throw new StoreError({ code: 'STORE_CORRUPT', message: `transaction ${seq} in the store does not apply to the replayed state: ${check.detail}` })
      applyDaTx({ state: view, tx: check.da, exitPosition: 0 })
      expectedSeq++
    }
  } catch (e) {
    store.close()
    throw e
  }
  const head = expectedSeq - 1

  // Group signatures a crash kept from being written: the groups are durable and signing is
  // deterministic (RFC 6979), so re-signing gives exactly what clients may already hold.
  const signer = { key: config.sequencerKey, chainId: config.chainId, rollup: config.rollupAddress }
  let resigned: number
  try {
    resigned = resignGroups({ store, head: expectedSeq - 1, signer })
  } catch (e) {
    store.close()
    throw e
  }
  const latest = store.latestBlock()
  const openFrom = latest.firstSeq + latest.txCount
  const open = store.txRange(openFrom, head - openFrom + 1).map((t) => ({ seq: t.seq, hash: t.hash }))
  logger.info({ head, queueLength, block: latest.number, resigned, ms: Math.round(performance.now() - opened) }, 'store replayed')

  // The writer thread and the crypto workers start side by side (each loads its modules).
  const cryptoParams = { domain }
  const [writerStart, poolStart, l1Start] = await Promise.allSettled([
    StoreWriter.start({ path: config.dbPath, synchronous: config.synchronous, signer }),
    config.workers === 0 ? InlineCrypto.start(cryptoParams) : CryptoPool.start({ size: config.workers, ...cryptoParams, inlineShare: config.inlineVerifyPercent / 100 }),
    params.l1,
  ])
  if (writerStart.status === 'rejected' || poolStart.status === 'rejected' || l1Start.status === 'rejected') {
    if (writerStart.status === 'fulfilled') await writerStart.value.close()
    if (poolStart.status === 'fulfilled') await poolStart.value.close()
    store.close()
    throw ([writerStart, poolStart, l1Start].find((r) => r.status === 'rejected') as PromiseRejectedResult).reason
  }
  const writer = writerStart.value
  const pool = poolStart.value
  const l1 = l1Start.value
  const journal = new Journal({ sink: writer, heads: { seq: head, queue: queueLength, block: latest.number } })
  const sealer = new BlockSealer({ journal, latest, open, intervalMs: config.blockIntervalMs, now, metrics })

  let stopped = false
  const preconfListeners = new Set<(a: AcceptedTx) => void>()
  const onCritical = (e: SequencerError): void => {
    logger.fatal({ err: e, code: e.code }, 'critical failure: the sequencer stops taking transactions and must restart')
    sealer.stop()
    params.onCritical?.(e)
  }
  const mempool = new Mempool({
    view,
    domain,
    crypto: pool,
    journal,
    limits: config.limits,
    fees: config.fees,
    ...(l1 ? { feeTokens: new Set(config.batcher.feeAccounts.keys()) } : {}),
    preconfDeadlineSeconds: config.preconfDeadlineSeconds,
    nextSeq: head + 1,
    queueLength,
    lookup: (hash) => {
      const t = store.txByHash(hashToBytes(hash))
      const group = t && storedPreconfirmation({ store, seq: t.seq, signer, pending: (first) => journal.groupSignature(first) })
      return t && group && { signed: t.signed, accepted: { seq: t.seq, hash, acceptedMs: t.acceptedMs, l1Deadline: t.l1Deadline, group } }
    },
    now,
    metrics,
    onAdmitted: (seq, hash) => sealer.add(seq, hash),
    onPreconfirmed: (a) => {
      for (const l of preconfListeners) l(a)
    },
    onCritical,
  })

  const batches = new BatchStore({ db: store.db, sink: writer })
  let follower: QueueFollower | undefined
  let batcher: Batcher | undefined
  let bondGuard: BondGuard | undefined
  let bondTopUp: BondTopUp | undefined
  let topUpTimer: NodeJS.Timeout | undefined
  if (l1) {
    bondGuard = BondGuard.fromClient({ client: l1.client, rollup: config.rollupAddress, sequencer: address, pollMs: config.l1.pollMs, logger })
    if (config.bond.topUpBelowWei > 0n) {
      // The L1 sender signs with the sequencer's key: depositBond credits the preconfirmation signer.
      bondTopUp = BondTopUp.fromClient({ client: l1.client, sender: l1.sender, rollup: config.rollupAddress, sequencer: address, below: config.bond.topUpBelowWei, to: config.bond.topUpToWei, logger })
    }
    follower = new QueueFollower({
      client: l1.client,
      rollup: config.rollupAddress,
      config: config.l1,
      logger,
      onCritical,
      sink: {
        queueLength: () => mempool.queueLength,
        origin: (position) => {
          const row = store.queueFrom(position, 1)[0]
          return row && row.position === position ? queueOriginFromJson(row.entry) : undefined
        },
        applyQueueEntries: (p) => mempool.applyQueueEntries(p),
      },
    })
    batcher = new Batcher({
      store,
      batches,
      client: l1.client,
      sender: l1.sender,
      rollup: config.rollupAddress,
      params: config.params,
      domain,
      genesis,
      config: config.batcher,
      l1: config.l1,
      logger,
      now,
      onCritical,
    })
    if (params.batcherInit !== 'background') {
      try {
        await batcher.init()
      } catch (e) {
        await writer.close()
        await pool.close()
        store.close()
        throw e
      }
    }
  }

  journal.onCommit((_heads, batch) => {
    metrics.commits.inc()
    metrics.commitGroup.observe(batch.txs.length)
  })
  const startedAt = now()
  const status = (): SequencerStatus => ({
    chainId: config.chainId,
    l2ChainId: config.l2ChainId,
    rollup: config.rollupAddress,
    sequencer: address,
    acceptedSequence: mempool.headSeq,
    preconfirmedSequence: journal.durable.seq,
    sealedBlock: sealer.latest,
    queueApplied: mempool.queueLength,
    pending: mempool.stats(),
    startedAt,
    l1: batcher && follower ? { batcher: batcher.status(), follower: follower.status() } : undefined,
  })
  const r = metrics.registry
  r.gauge('cw_sequence_accepted', 'Last sequence number given out', () => mempool.headSeq)
  r.gauge('cw_sequence_durable', 'Last durable sequence number', () => journal.durable.seq)
  r.gauge('cw_block_number', 'Latest durable L2 block', () => sealer.latest.number)
  r.gauge('cw_queue_applied', 'L1 queue entries applied', () => mempool.queueLength)
  r.gauge('cw_pending_transactions', 'Transactions in progress, by stage', () => {
    const s = mempool.stats()
    return [
      [{ stage: 'verifying' }, s.verifying],
      [{ stage: 'parked' }, s.parked],
      [{ stage: 'sequencing' }, s.sequencing],
    ]
  })
  r.gauge('cw_crypto_queue', 'Crypto jobs waiting for a worker', () => pool.queued)
  r.gauge('cw_crypto_busy_seconds_total', 'Worker time spent, by job kind', () => [
    [{ kind: 'verify' }, pool.stats.verifyMs / 1000],
    [{ kind: 'sign' }, journal.stats.signWorkMs / 1000],
  ])
  r.gauge('cw_store_commit_seconds_total', 'Time spent in group commits', () => journal.stats.commitMs / 1000)

  return {
    config,
    address,
    domain,
    version: VERSION,
    view,
    store,
    journal,
    mempool,
    sealer,
    batches,
    batcher,
    follower,
    pool,
    metrics,
    logger,
    submit: async (signed) => {
      bondGuard?.check()
      return mempool.submit(signed)
    },
    applyQueueEntries: (p) => mempool.applyQueueEntries(p),
    status,
    onPreconfirmed(listener) {
      preconfListeners.add(listener)
      return () => preconfListeners.delete(listener)
    },
    onBlock: (listener) => sealer.onBlock(listener),
    start() {
      sealer.start()
      follower?.start()
      if (batcher && params.batcherInit === 'background') {
        // After the writer and the crypto workers are up: the batcher's worker and replay do not compete with them.
        batcher.init().catch((e: unknown) => {
          if (stopped) return
          const err = e instanceof SequencerError ? e : new L1Error({ code: 'L1_UNAVAILABLE', message: `the batcher could not start: ${e instanceof Error ? e.message : String(e)}`, cause: e })
          logger.fatal({ code: err.code }, `batcher init failed: ${err.message}`)
          onCritical(err)
        })
      }
      batcher?.start()
      bondGuard?.start()
      if (bondTopUp) {
        const keeper = bondTopUp
        // After a top-up the guard reads again at once, so refusals stop without waiting a poll.
        topUpTimer = setInterval(() => void keeper.poll().then((r) => (r ? bondGuard?.poll() : undefined)), config.l1.pollMs)
      }
    },
    async stop() {
      if (stopped) return
      stopped = true
      await follower?.stop()
      await batcher?.stop()
      if (topUpTimer) clearInterval(topUpTimer)
      await bondTopUp?.settle()
      await bondGuard?.stop()
      sealer.stop()
      await mempool.drain()
      if (!journal.failed) {
        if (sealer.openCount > 0) sealer.seal()
        await journal.settle().catch(() => {})
      }
      await writer.close()
      await pool.close()
      store.close()
      logger.info({ head: journal.durable.seq }, 'sequencer stopped')
    },
  }
}

