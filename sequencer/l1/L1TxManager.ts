import { setTimeout as sleep } from 'node:timers/promises'
import type Database from 'better-sqlite3'
import {
  hexToBigInt,
  isAddress,
  isHex,
  toHex,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type Kzg,
  type LocalAccount,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from 'viem'
import { loadKzg } from '../../l1-contracts/index.ts'
import { chooseDataPath } from './chooseDataPath.ts'
import { l1TxConfig, type L1TxConfig } from './L1TxConfig.ts'
import { L1TxError, type L1TxErrorCode } from './L1TxError.ts'
import { bumpFees, initialFees, type CappedField, type FeeMarket, type TxFees } from './l1Fees.ts'
import type { L1TxMetrics } from './l1TxMetrics.ts'
import type { L1Receipt, L1Request, L1Sender } from './L1Sender.ts'
import { L1TxStore, type L1TxAttempt, type L1TxRecord } from './L1TxStore.ts'
import { requestContentHash } from './requestContentHash.ts'
import { blobSidecar, signL1Tx, type BlobSidecar } from './signL1Tx.ts'

const BLOB_BYTES = 131_072
/**
 * Consecutive checks that see the nonce used, with none of the manager's hashes mined, before
 * it is called taken (a lagging node behind a load balancer may answer the count before the
 * receipt for a few polls).
 */
const NONCE_TAKEN_CHECKS = 5

/**
 * The subset of pino's logger the manager writes to (pino loggers fit).
 *
 * @example
 * ```ts
 * const logger: L1TxLogger = pino({ base: { service: 'l1tx' } })
 * ```
 */
export interface L1TxLogger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/**
 * Time as the manager sees it: `now` in milliseconds and a `sleep` between polls that ends
 * early (resolving) when `signal` aborts.
 *
 * @example
 * ```ts
 * const clock: L1TxClock = { now: Date.now, sleep: (ms, signal) => setTimeout(ms, undefined, { signal }).catch(() => {}) } // node:timers/promises
 * ```
 */
export interface L1TxClock {
  now(): number
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

const systemClock: L1TxClock = { now: () => Date.now(), sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined) }
const silentLogger: L1TxLogger = { info() {}, warn() {}, error() {} }

/**
 * What {@link L1TxManager.open} needs. Exactly one of `dbPath` and `db`.
 *
 * @example
 * ```ts
 * const params: L1TxManagerParams = { walletClient, publicClient, dbPath: './l1tx.db', config: { confirmations: 3 } }
 * ```
 */
export interface L1TxManagerParams {
  /** Its account must be a local account (private key, mnemonic): the manager signs raw transactions itself. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  publicClient: PublicClient<Transport, Chain | undefined>
  /** A database file of the manager's own (WAL, synchronous FULL). */
  dbPath?: string
  /** Or an open handle (tables `l1tx_*`; its pragmas are the caller's, use WAL and synchronous FULL). */
  db?: Database.Database
  /** Settings; missing ones take {@link L1_TX_CONFIG_DEFAULTS}. Checked once, a `ConfigError` names every wrong field. */
  config?: Partial<L1TxConfig>
  logger?: L1TxLogger
  clock?: L1TxClock
  metrics?: L1TxMetrics
  /** KZG for blob commitments (default: c-kzg with the mainnet setup, `loadKzg`). */
  kzg?: Kzg
  /** Called once per critical error (a nonce taken by another sender): the sequencer should stop. */
  onCritical?: (error: L1TxError) => void
}

/**
 * One request in flight, as {@link L1TxManager.status} reports it.
 *
 * @example
 * ```ts
 * manager.status().pending.filter((p) => p.atFeeCap)
 * ```
 */
export interface L1TxPendingStatus {
  key: string
  nonce: number
  via: 'blob' | 'calldata'
  /** Every transaction signed for this nonce, oldest first: any one of them may be the one mined. */
  attempts: { hash: Hex; fees: TxFees }[]
  /** Set while the next replacement is held back by a cap: the fields whose minimum bump exceeds it. */
  atFeeCap: CappedField[] | undefined
  /** The block that includes it, while it waits for confirmations. */
  includedIn: bigint | undefined
}

/**
 * A snapshot of the manager: the sender, the next nonce it will take, what is in flight and
 * how often a fee cap held a replacement back.
 *
 * @example
 * ```ts
 * const { nextNonce, pending, feeCapHits } = manager.status()
 * ```
 */
export interface L1TxManagerStatus {
  address: Address
  chainId: number
  nextNonce: number
  pending: L1TxPendingStatus[]
  /** Replacements not made because the minimum bump would exceed a cap (since open). */
  feeCapHits: number
  closed: boolean
}

interface InFlight {
  record: L1TxRecord
  sidecar: BlobSidecar | undefined
  lastBroadcastMs: number
  /** How the node took the latest broadcast: a refused one is sent again as is, not bumped. */
  lastBroadcast: 'accepted' | 'underpriced' | 'refused'
  atFeeCap: CappedField[] | undefined
  takenChecks: number
  includedIn: bigint | undefined
  firstBroadcastMs: number
}

interface Waiter {
  resolve(r: L1Receipt): void
  reject(e: unknown): void
}

const errorText = (e: unknown): string => {
  const parts: string[] = []
  for (let c: unknown = e; c instanceof Error && parts.length < 6; c = c.cause) {
    const details = (c as { details?: unknown }).details
    parts.push(c.message, typeof details === 'string' ? details : '')
  }
  return parts.length > 0 ? parts.join(' | ') : String(e)
}
const firstLine = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0]! : String(e))
/** The first line of an RPC error plus the node's own details (revert reason or data), which viem keeps in `details`/`data`. */
const withDetails = (e: unknown): string => {
  const extra: string[] = []
  for (let c: unknown = e; c instanceof Error && extra.length < 4; c = c.cause) {
    const { details, data } = c as { details?: unknown; data?: unknown }
    if (typeof details === 'string' && details && !extra.includes(details)) extra.push(details)
    if (typeof data === 'string' && data.startsWith('0x') && !extra.includes(data)) extra.push(`data ${data.slice(0, 138)}`)
  }
  return extra.length > 0 ? `${firstLine(e)} (${extra.join('; ')})` : firstLine(e)
}

/**
 * The sequencer's L1 transaction manager (after op-batcher's txmgr): the only user of one L1
 * key. It takes nonces in request order, records every signed transaction in SQLite before
 * broadcasting it, replaces a transaction that is not included within `resubmitAfterMs` at
 * the same nonce with bumped fees (never above the caps), chooses between a request's blob
 * and its calldata alternative by cost, and resolves `send` once the including block has
 * `confirmations` blocks (counting itself). A request's `key` is idempotent, across restarts:
 * sending it again waits for, or returns, the outcome of the one nonce it was given.
 *
 * @example
 * ```ts
 * const manager = await L1TxManager.open({ walletClient, publicClient, dbPath: './l1tx.db', config: { confirmations: 3 }, logger })
 * const receipt = await manager.send({ key: 'commit:batch:7', to: rollup, data, blob, calldataAlternative })
 * await manager.close()
 * ```
 */
export class L1TxManager implements L1Sender {
  private readonly inFlight = new Map<number, InFlight>()
  private readonly waiters = new Map<string, Waiter[]>()
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly stopping = new AbortController()
  private loopDone: Promise<void> = Promise.resolve()
  private feeCapHits = 0

  private constructor(
    private readonly p: {
      account: LocalAccount
      chainId: number
      publicClient: PublicClient<Transport, Chain | undefined>
      store: L1TxStore
      config: L1TxConfig
      logger: L1TxLogger
      clock: L1TxClock
      metrics: L1TxMetrics | undefined
      kzg: () => Kzg
      onCritical: ((e: L1TxError) => void) | undefined
    },
    private nextNonce: number,
  ) {}

  /**
   * Opens the manager: checks the configuration, opens the database (bound to this sender and
   * chain), resumes every request in flight (sends its latest transaction again and watches
   * all of its hashes), takes the next nonce as max(last recorded + 1, the account's pending
   * nonce on L1) and starts polling.
   *
   * @example
   * ```ts
   * const manager = await L1TxManager.open({ walletClient, publicClient, dbPath: config.l1TxDbPath, config: l1TxConfigFromEnv(process.env) })
   * ```
   */
  static async open(params: L1TxManagerParams): Promise<L1TxManager> {
    const config = l1TxConfig({ input: params.config ?? {} })
    const account = params.walletClient.account
    if (account.type !== 'local' || typeof account.signTransaction !== 'function') {
      throw new L1TxError({ code: 'L1_SIGNER_UNSUPPORTED', message: `the L1 transaction manager signs raw transactions itself: the wallet client needs a local account, got a ${account.type} account` })
    }
    if ((params.dbPath === undefined) === (params.db === undefined)) {
      throw new L1TxError({ code: 'L1_INVALID_REQUEST', message: 'L1TxManager.open needs exactly one of dbPath and db' })
    }
    const { publicClient } = params
    const chainId = await publicClient.getChainId()
    const store = L1TxStore.open(params.dbPath !== undefined ? { path: params.dbPath } : { db: params.db! })
    try {
      store.bind({ address: account.address, chainId })
      const chainPending = await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' })
      const recordedNext = (store.maxNonce() ?? -1) + 1
      let kzg: Kzg | undefined
      const manager = new L1TxManager(
        {
          account: account as LocalAccount,
          chainId,
          publicClient,
          store,
          config,
          logger: params.logger ?? silentLogger,
          clock: params.clock ?? systemClock,
          metrics: params.metrics,
          kzg: () => (kzg ??= params.kzg ?? loadKzg()),
          onCritical: params.onCritical,
        },
        Math.max(recordedNext, chainPending),
      )
      if (chainPending > recordedNext) manager.p.logger.info({ chainPending, recordedNext }, 'L1 account nonce is ahead of the recorded requests; starting from the chain')
      await manager.resume()
      manager.loopDone = manager.loop()
      return manager
    } catch (e) {
      store.close()
      throw e
    }
  }

  /**
   * Sends a request (see {@link L1Sender.send}) and resolves with its receipt once confirmed.
   * A key seen before is not sent again: its outcome is returned, or awaited if in flight.
   * Rejects before anything is recorded on a malformed request (`L1_INVALID_REQUEST`), a call
   * the node says reverts (`L1_GAS_ESTIMATE_FAILED`), a failed fee or gas read
   * (`L1_RPC_FAILED`), or a key reused with other contents (`L1_KEY_CONFLICT`); afterwards only
   * on a critical error or `close`. Broadcast failures are retried, never thrown.
   *
   * @example
   * ```ts
   * const { transactionHash, via, status } = await manager.send({ key: 'commit:batch:7', to: rollup, data, blob, calldataAlternative })
   * ```
   */
  async send(request: L1Request): Promise<L1Receipt> {
    this.assertOpen(request.key)
    checkRequest(request)
    const contentHash = requestContentHash(request)
    const done = await this.exclusive(() => this.admit(request, contentHash))
    return done ?? this.waitFor(request.key)
  }

  /**
   * The recorded outcome of a key: its receipt once confirmed, `pending` while in flight,
   * `undefined` if never sent.
   *
   * @example
   * ```ts
   * if (manager.outcome('commit:batch:7') === undefined) await manager.send(request)
   * ```
   */
  outcome(key: string): L1Receipt | 'pending' | 'failed' | undefined {
    const r = this.p.store.get(key)
    if (!r) return undefined
    return r.state === 'confirmed' ? r.receipt : r.state
  }

  /**
   * A snapshot of the sender, the next nonce and what is in flight (with fee-cap state).
   *
   * @example
   * ```ts
   * logger.info(manager.status(), 'l1 transactions')
   * ```
   */
  status(): L1TxManagerStatus {
    return {
      address: this.p.account.address,
      chainId: this.p.chainId,
      nextNonce: this.nextNonce,
      feeCapHits: this.feeCapHits,
      closed: this.closed,
      pending: [...this.inFlight.values()]
        .sort((a, b) => a.record.nonce - b.record.nonce)
        .map((f) => ({
          key: f.record.key,
          nonce: f.record.nonce,
          via: f.record.via,
          attempts: f.record.attempts.map((a) => ({ hash: a.hash, fees: a.fees })),
          atFeeCap: f.atFeeCap,
          includedIn: f.includedIn,
        })),
    }
  }

  /**
   * Stops polling, rejects waiting `send`s with `L1_TX_MANAGER_CLOSED` and closes the database
   * (if the manager opened it). Requests in flight stay recorded: the next manager opened on
   * the same database resumes them. Safe to call twice.
   *
   * @example
   * ```ts
   * process.once('SIGTERM', () => void manager.close())
   * ```
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.stopping.abort()
    await this.loopDone
    await this.queue
    for (const [key, list] of this.waiters) {
      const e = new L1TxError({ code: 'L1_TX_MANAGER_CLOSED', key, message: `the L1 transaction manager closed while ${key} was in flight; it resumes when a manager is opened on the same database` })
      for (const w of list) w.reject(e)
    }
    this.waiters.clear()
    this.p.store.close()
  }

  // --- sending -------------------------------------------------------------------------

  private async admit(request: L1Request, contentHash: Hex): Promise<L1Receipt | undefined> {
    this.assertOpen(request.key)
    const known = this.p.store.get(request.key)
    if (known) return this.existing(known, contentHash)
    const { config, logger } = this.p
    const wantsBlob = request.blob !== undefined
    const market = await this.market(wantsBlob)
    const sidecar = request.blob ? blobSidecar({ blob: request.blob, kzg: this.p.kzg() }) : undefined
    const first = initialFees({ market, blob: true, rules: config }).fees
    let via: 'blob' | 'calldata' = wantsBlob ? 'blob' : 'calldata'
    let data = request.data
    let gas: bigint
    if (!sidecar) {
      gas = request.gas ?? this.withMargin(await this.estimate({ to: request.to, data: request.data, key: request.key, ...(request.value ? { value: request.value } : {}) }))
    } else {
      const blobGas = request.gas ?? (await this.estimate({ to: request.to, data: request.data, key: request.key, blob: { versionedHash: sidecar.versionedHash, maxFeePerBlobGas: first.maxFeePerBlobGas! } }))
      gas = request.gas ?? this.withMargin(blobGas)
      if (request.calldataAlternative !== undefined) {
        let calldataGas: bigint | undefined
        try {
          calldataGas = await this.estimate({ to: request.to, data: request.calldataAlternative, key: request.key })
        } catch (e) {
          logger.warn({ key: request.key, err: firstLine(e) }, 'calldata alternative does not estimate; sending the blob')
        }
        if (calldataGas !== undefined) {
          const tip = market.priorityFeePerGas > config.minPriorityFeePerGas ? market.priorityFeePerGas : config.minPriorityFeePerGas
          const choice = chooseDataPath({ blobExecutionGas: blobGas, calldataGas, gasPrice: market.baseFeePerGas + tip, blobBaseFee: market.blobBaseFee })
          logger.info({ key: request.key, via: choice.via, blobCost: choice.blobCost.toString(), calldataCost: choice.calldataCost.toString() }, 'blob or calldata')
          if (choice.via === 'calldata') {
            via = 'calldata'
            data = request.calldataAlternative
            gas = this.withMargin(calldataGas)
          }
        }
      }
    }
    this.assertOpen(request.key)
    const { fees, capped } = initialFees({ market, blob: via === 'blob', rules: config })
    const nonce = this.nextNonce
    const record: L1TxRecord = {
      key: request.key,
      nonce,
      contentHash,
      via,
      to: request.to,
      data,
      blob: via === 'blob' ? request.blob : undefined,
      gas,
      value: request.value ?? 0n,
      state: 'pending',
      receipt: undefined,
      error: undefined,
      attempts: [],
    }
    const f: InFlight = {
      record,
      sidecar: via === 'blob' ? sidecar : undefined,
      lastBroadcastMs: 0,
      lastBroadcast: 'accepted',
      atFeeCap: capped.length > 0 ? capped : undefined,
      takenChecks: 0,
      includedIn: undefined,
      firstBroadcastMs: this.p.clock.now(),
    }
    const attempt = await this.sign(f, fees)
    // Durable before it leaves the process: a crash from here on finds this nonce and hash.
    this.p.store.insert({ record, attempt, nowMs: this.p.clock.now() })
    record.attempts.push(attempt)
    this.nextNonce = nonce + 1
    this.inFlight.set(nonce, f)
    if (capped.length > 0) this.capReached(f, capped)
    logger.info({ key: request.key, nonce, via, hash: attempt.hash, gas: gas.toString(), maxFeePerGas: fees.maxFeePerGas.toString(), maxFeePerBlobGas: fees.maxFeePerBlobGas?.toString() }, 'sending L1 transaction')
    await this.broadcast(f, attempt.raw!, 'first')
    return undefined
  }

  private existing(known: L1TxRecord, contentHash: Hex): L1Receipt | undefined {
    if (known.contentHash !== contentHash) {
      throw new L1TxError({ code: 'L1_KEY_CONFLICT', key: known.key, message: `key ${known.key} was sent before (nonce ${known.nonce}) with other contents` })
    }
    if (known.state === 'confirmed') return known.receipt!
    if (known.state === 'failed') throw this.failure(known)
    return undefined
  }

  private waitFor(key: string): Promise<L1Receipt> {
    if (this.closed) {
      return Promise.reject(new L1TxError({ code: 'L1_TX_MANAGER_CLOSED', key, message: `the L1 transaction manager closed while ${key} was in flight; it resumes when a manager is opened on the same database` }))
    }
    const known = this.p.store.get(key)
    if (known?.state === 'confirmed') return Promise.resolve(known.receipt!)
    if (known?.state === 'failed') return Promise.reject(this.failure(known))
    return new Promise<L1Receipt>((resolve, reject) => {
      const list = this.waiters.get(key) ?? []
      list.push({ resolve, reject })
      this.waiters.set(key, list)
    })
  }

  private failure(r: L1TxRecord): L1TxError {
    return new L1TxError({ code: (r.error?.code ?? 'L1_NONCE_TAKEN') as L1TxErrorCode, key: r.key, message: r.error?.message ?? `request ${r.key} failed` })
  }

  private async sign(f: InFlight, fees: TxFees): Promise<L1TxAttempt> {
    const r = f.record
    if (r.via === 'blob' && !f.sidecar) f.sidecar = blobSidecar({ blob: r.blob!, kzg: this.p.kzg() })
    const { raw, hash } = await signL1Tx({
      account: this.p.account,
      chainId: this.p.chainId,
      nonce: r.nonce,
      to: r.to,
      data: r.data,
      gas: r.gas,
      value: r.value,
      fees,
      ...(r.via === 'blob' ? { blob: f.sidecar! } : {}),
    })
    return { hash, raw, fees, signedMs: this.p.clock.now() }
  }

  /** Sends a raw transaction; classifies, logs and counts a refusal, never throws. */
  private async broadcast(f: InFlight, raw: Hex, kind: 'first' | 'replacement' | 'rebroadcast'): Promise<void> {
    const { publicClient, logger, metrics, clock } = this.p
    f.lastBroadcastMs = clock.now()
    try {
      await publicClient.sendRawTransaction({ serializedTransaction: raw })
      f.lastBroadcast = 'accepted'
      metrics?.sent.inc({ via: f.record.via, kind })
    } catch (e) {
      const text = errorText(e)
      if (/already known|known transaction|already imported|alreadyknown/i.test(text)) {
        f.lastBroadcast = 'accepted'
        return
      }
      // Mined already (or taken by another sender: the watcher tells which).
      if (/nonce too low|nonce is too low|noncetoolow|nonce has already been used/i.test(text)) {
        f.lastBroadcast = 'accepted'
        return
      }
      const underpriced = /underpriced|fee too low|replacement/i.test(text)
      f.lastBroadcast = underpriced ? 'underpriced' : 'refused'
      const reason = underpriced ? 'underpriced' : /insufficient funds/i.test(text) ? 'insufficient_funds' : /reserved/i.test(text) ? 'address_reserved' : 'other'
      metrics?.broadcastFailed.inc({ reason })
      logger.warn({ key: f.record.key, nonce: f.record.nonce, kind, reason, err: firstLine(e) }, 'L1 node refused the transaction; retrying after resubmitAfterMs')
    }
  }

  // --- watching --------------------------------------------------------------------------

  private async resume(): Promise<void> {
    const pending = this.p.store.pending()
    for (const record of pending) {
      const f: InFlight = {
        record,
        sidecar: undefined,
        lastBroadcastMs: 0,
        lastBroadcast: 'accepted',
        atFeeCap: undefined,
        takenChecks: 0,
        includedIn: undefined,
        firstBroadcastMs: this.p.clock.now(),
      }
      this.inFlight.set(record.nonce, f)
      this.p.logger.info({ key: record.key, nonce: record.nonce, hashes: record.attempts.map((a) => a.hash) }, 'resuming L1 transaction')
      const latest = record.attempts.at(-1)
      if (latest?.raw) await this.broadcast(f, latest.raw, 'rebroadcast')
    }
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      try {
        await this.exclusive(() => this.tick())
      } catch (e) {
        this.p.logger.warn({ err: firstLine(e) }, 'L1 transaction check failed; retrying')
      }
      if (this.closed) break
      await this.p.clock.sleep(this.p.config.pollIntervalMs, this.stopping.signal)
    }
  }

  private async tick(): Promise<void> {
    if (this.inFlight.size === 0 || this.closed) return
    const { publicClient, config, account } = this.p
    const [head, minedCount] = await Promise.all([
      publicClient.getBlockNumber({ cacheTime: 0 }),
      publicClient.getTransactionCount({ address: account.address, blockTag: 'latest' }),
    ])
    for (const f of [...this.inFlight.values()].sort((a, b) => a.record.nonce - b.record.nonce)) {
      if (this.closed) return
      if (minedCount <= f.record.nonce) {
        // Not mined (or reorged away): resend when it has waited long enough.
        f.takenChecks = 0
        f.includedIn = undefined
        if (this.p.clock.now() - f.lastBroadcastMs >= config.resubmitAfterMs) await this.resubmit(f)
        continue
      }
      const receipt = await this.findReceipt(f)
      if (!receipt) {
        if (++f.takenChecks >= NONCE_TAKEN_CHECKS) this.nonceTaken(f)
        continue
      }
      f.takenChecks = 0
      f.includedIn = receipt.blockNumber
      if (head - receipt.blockNumber + 1n < BigInt(config.confirmations)) continue
      // Still on the canonical chain? (A reorg may have moved or dropped it since.)
      const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber })
      if (block.hash !== receipt.blockHash) continue
      this.confirm(f, receipt)
    }
  }

  private async findReceipt(f: InFlight): Promise<TransactionReceipt | undefined> {
    for (const a of [...f.record.attempts].reverse()) {
      try {
        return await this.p.publicClient.getTransactionReceipt({ hash: a.hash })
      } catch (e) {
        if ((e as Error).name !== 'TransactionReceiptNotFoundError') throw e
      }
    }
    return undefined
  }

  private async resubmit(f: InFlight): Promise<void> {
    const latest = f.record.attempts.at(-1)!
    if (f.lastBroadcast === 'refused' && latest.raw) {
      await this.broadcast(f, latest.raw, 'rebroadcast')
      return
    }
    const market = await this.market(f.record.via === 'blob')
    const next = bumpFees({ previous: latest.fees, market, rules: this.p.config })
    if (next.kind === 'atCap') {
      this.capReached(f, next.fields)
      // Keep the transaction we have in the pool (it may have been dropped).
      if (latest.raw) await this.broadcast(f, latest.raw, 'rebroadcast')
      return
    }
    f.atFeeCap = undefined
    const attempt = await this.sign(f, next.fees)
    this.p.store.addAttempt({ nonce: f.record.nonce, attempt })
    f.record.attempts.push(attempt)
    this.p.logger.info(
      {
        key: f.record.key,
        nonce: f.record.nonce,
        attempt: f.record.attempts.length,
        hash: attempt.hash,
        maxFeePerGas: attempt.fees.maxFeePerGas.toString(),
        maxPriorityFeePerGas: attempt.fees.maxPriorityFeePerGas.toString(),
        maxFeePerBlobGas: attempt.fees.maxFeePerBlobGas?.toString(),
      },
      'replacing L1 transaction with bumped fees',
    )
    await this.broadcast(f, attempt.raw!, 'replacement')
  }

  private capReached(f: InFlight, fields: CappedField[]): void {
    f.atFeeCap = fields
    this.feeCapHits++
    for (const field of fields) this.p.metrics?.feeCapReached.inc({ field })
    const { maxFeePerGasCap, maxFeePerBlobGasCap } = this.p.config
    this.p.logger.warn(
      { key: f.record.key, nonce: f.record.nonce, fields, maxFeePerGasCap: maxFeePerGasCap.toString(), maxFeePerBlobGasCap: maxFeePerBlobGasCap.toString() },
      'L1 fee cap reached: waiting with the current transaction',
    )
  }

  private confirm(f: InFlight, r: TransactionReceipt): void {
    const receipt: L1Receipt = {
      key: f.record.key,
      transactionHash: r.transactionHash,
      blockNumber: r.blockNumber,
      nonce: f.record.nonce,
      status: r.status,
      via: f.record.via,
      gasUsed: r.gasUsed,
      feePaid: r.gasUsed * r.effectiveGasPrice + (r.blobGasUsed ?? 0n) * (r.blobGasPrice ?? 0n),
    }
    this.p.store.confirm({ receipt })
    this.inFlight.delete(f.record.nonce)
    this.p.metrics?.confirmed.inc({ via: receipt.via, status: receipt.status })
    this.p.metrics?.confirmSeconds.observe((this.p.clock.now() - f.firstBroadcastMs) / 1000)
    this.p.logger.info({ key: receipt.key, nonce: receipt.nonce, hash: receipt.transactionHash, block: receipt.blockNumber.toString(), status: receipt.status, via: receipt.via }, 'L1 transaction confirmed')
    for (const w of this.waiters.get(receipt.key) ?? []) w.resolve(receipt)
    this.waiters.delete(receipt.key)
  }

  private nonceTaken(f: InFlight): void {
    const e = new L1TxError({
      code: 'L1_NONCE_TAKEN',
      key: f.record.key,
      message: `nonce ${f.record.nonce} of ${this.p.account.address} was used by a transaction that is none of the ${f.record.attempts.length} signed for ${f.record.key}: another sender uses this L1 key`,
    })
    this.p.store.fail({ key: f.record.key, code: e.code, message: e.message })
    this.inFlight.delete(f.record.nonce)
    this.p.logger.error({ key: f.record.key, nonce: f.record.nonce }, e.message)
    for (const w of this.waiters.get(f.record.key) ?? []) w.reject(e)
    this.waiters.delete(f.record.key)
    this.p.onCritical?.(e)
  }

  // --- L1 reads --------------------------------------------------------------------------

  private async market(blob: boolean): Promise<FeeMarket> {
    const { publicClient } = this.p
    try {
      const [block, tip, blobBaseFee] = await Promise.all([
        publicClient.getBlock({ blockTag: 'latest' }),
        publicClient.request({ method: 'eth_maxPriorityFeePerGas' }).then(
          (v) => hexToBigInt(v),
          () => 0n,
        ),
        blob ? publicClient.getBlobBaseFee() : Promise.resolve(0n),
      ])
      return { baseFeePerGas: block.baseFeePerGas ?? 0n, priorityFeePerGas: tip, blobBaseFee }
    } catch (e) {
      throw new L1TxError({ code: 'L1_RPC_FAILED', message: `cannot read L1 fees: ${firstLine(e)}`, cause: e })
    }
  }

  private async estimate(params: { to: Address; data: Hex; key: string; value?: bigint; blob?: { versionedHash: Hex; maxFeePerBlobGas: bigint } }): Promise<bigint> {
    const tx: Record<string, unknown> = { from: this.p.account.address, to: params.to, data: params.data }
    if (params.value) tx.value = toHex(params.value)
    if (params.blob) {
      tx.type = '0x3'
      tx.blobVersionedHashes = [params.blob.versionedHash]
      tx.maxFeePerBlobGas = toHex(params.blob.maxFeePerBlobGas)
    }
    try {
      const gas = await this.p.publicClient.request({ method: 'eth_estimateGas', params: [tx as never] })
      return hexToBigInt(gas)
    } catch (e) {
      const text = errorText(e)
      if (/revert/i.test(text)) throw new L1TxError({ code: 'L1_GAS_ESTIMATE_FAILED', key: params.key, message: `${params.key}: the call reverts: ${withDetails(e)}`, cause: e })
      throw new L1TxError({ code: 'L1_RPC_FAILED', key: params.key, message: `${params.key}: gas estimate failed: ${firstLine(e)}`, cause: e })
    }
  }

  private withMargin(gas: bigint): bigint {
    return (gas * BigInt(100 + this.p.config.gasLimitMarginPercent)) / 100n
  }

  // --- plumbing --------------------------------------------------------------------------

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  private assertOpen(key: string): void {
    if (this.closed) throw new L1TxError({ code: 'L1_TX_MANAGER_CLOSED', key, message: 'the L1 transaction manager is closed' })
  }
}

function checkRequest(r: L1Request): void {
  const bad = (message: string): never => {
    throw new L1TxError({ code: 'L1_INVALID_REQUEST', key: r.key, message: `L1 request ${JSON.stringify(r.key)}: ${message}` })
  }
  if (typeof r.key !== 'string' || r.key.length === 0) bad('key must be a non-empty string')
  if (!isAddress(r.to, { strict: false })) bad(`to must be an address, got ${String(r.to)}`)
  if (!isHex(r.data)) bad('data must be 0x-prefixed hex')
  if (r.calldataAlternative !== undefined && !isHex(r.calldataAlternative)) bad('calldataAlternative must be 0x-prefixed hex')
  if (r.calldataAlternative !== undefined && r.blob === undefined) bad('calldataAlternative is an alternative to a blob: give blob too')
  if (r.blob !== undefined && (!(r.blob instanceof Uint8Array) || r.blob.length !== BLOB_BYTES)) bad(`blob must be ${BLOB_BYTES} bytes, got ${r.blob instanceof Uint8Array ? r.blob.length : typeof r.blob}`)
  if (r.gas !== undefined && (typeof r.gas !== 'bigint' || r.gas <= 0n)) bad('gas must be a positive bigint')
  if (r.value !== undefined && (typeof r.value !== 'bigint' || r.value < 0n)) bad('value must be a non-negative bigint')
}
