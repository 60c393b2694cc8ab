import { applyDaTx, applyQueueEntry, txHash, type QueueEntry, type QueueOutcome, type SignedL2Tx, type Point } from '../../protocol/index.ts'
import type { FeeConfig, LimitsConfig } from '../config/index.ts'
import { verifyJob, type VerifyJob, type VerifyResult } from '../crypto/cryptoJobs.ts'
import { SequencerError, TxRefusedError, UnavailableError } from '../errors/index.ts'
import { LatencySamples } from '../metrics/LatencySamples.ts'
import type { SequencerMetrics } from '../metrics/sequencerMetrics.ts'
import type { Journal } from '../store/Journal.ts'
import { queueEntryToJson, type QueueOrigin } from '../store/queueCodec.ts'
import type { GroupProof } from '../store/rows.ts'
import { encodeSignedTx } from '../store/txCodec.ts'
import type { AccountView } from '../state/AccountView.ts'
import { checkL2Tx, checkSender, type Refusal } from '../state/checkL2Tx.ts'
import { hashToBytes } from './hashBytes.ts'

/** The crypto step the mempool hands to worker threads (see `CryptoPool`). */
export interface CryptoService {
  verify(job: VerifyJob): Promise<VerifyResult>
}

/** An accepted transaction: durable at `seq`, with its signed preconfirmation. */
export interface AcceptedTx {
  seq: number
  hash: bigint
  acceptedMs: number
  /** Unix seconds. */
  l1Deadline: number
  /** The signed group it belongs to and its Merkle proof. */
  group: GroupProof
}

/** A durable transaction found by hash, with its preconfirmation. */
export interface StoredAccepted {
  signed: SignedL2Tx
  accepted: AcceptedTx
}

/**
 * Where the time of answered transactions went, summed over them (monotonic clock, ms):
 * from receipt to admission (verification, waiting for a worker or for a lower nonce) and from
 * admission to the answer (waiting for the commit in flight, the commit and its fsync, the
 * group signature, thread hops). Divide by `answered` for means.
 */
export interface MempoolTiming {
  answered: number
  toAdmissionMs: number
  toAnswerMs: number
  /** The last durations of each stage (and of both: receipt to answer), for tail percentiles. */
  samples: { toAdmission: LatencySamples; toAnswer: LatencySamples; total: LatencySamples }
}

/** How many transactions are in each stage right now. */
export interface MempoolStats {
  /** Waiting for or in signature verification. */
  verifying: number
  /** Verified, waiting for a lower nonce of the same account. */
  parked: number
  /** Sequenced, waiting for durability and the group's signature. */
  sequencing: number
  /** All of the above. */
  pending: number
  /** Accounts with pending transactions. */
  accounts: number
}

interface Entry {
  signed: SignedL2Tx
  from: bigint
  nonce: bigint
  publicKey: Point
  receivedMs: number
  /** `performance.now()` at receipt and at admission, for {@link MempoolTiming}. */
  receivedAt: number
  admittedAt?: number
  stage: 'verifying' | 'parked' | 'sequencing' | 'done'
  hash?: bigint
  seq?: number
  acceptedMs?: number
  l1Deadline?: number
  timer?: NodeJS.Timeout
  resolve: (a: AcceptedTx) => void
  reject: (e: Error) => void
  /** Settles with the entry (for a resend of the same transaction while it is in flight). */
  done?: Promise<AcceptedTx>
}

interface Lane {
  /** Transactions of this account in any stage. */
  count: number
  /** Nonces held by a transaction being verified or parked. */
  reserved: Set<bigint>
  parked: Map<bigint, Entry>
}

/**
 * Admission of signed L2 transactions, in the order the sequencer promises them.
 *
 * A transaction goes through: cheap checks on the main thread against the pending state
 * (encoding, sender, key, fee minimum, nonce window, per-account and total limits), then
 * hashing and signature verification in a worker thread, then admission: the full protocol
 * check against the pending state *after every transaction accepted before it*, a global
 * sequence number, the state change and a durable append (group commit); once the commit is
 * durable, the writer thread signs the Merkle root of its group of transactions. The call
 * resolves only when the transaction is durable and its group signed.
 *
 * A transaction up to `maxNonceGap` above its account's next nonce waits (`parked`) up to
 * `parkTimeoutMs` for the ones before it, so that a wallet may send a few at once over
 * several connections. Nothing pending is ever evicted: a flood meets the limits and is
 * refused with `ACCOUNT_PENDING_LIMIT` or `PENDING_LIMIT`, while what was accepted goes on.
 * Resending an accepted transaction answers with its preconfirmation again.
 *
 * @example
 * ```ts
 * const mempool = new Mempool({ view, crypto: pool, journal, limits, fees, preconfDeadlineSeconds: 3600, nextSeq: 1, queueLength: 0, lookup })
 * const accepted = await mempool.submit(signed) // { seq, hash, l1Deadline, group: { firstSeq, count, root, signature, proof } }
 * ```
 */
export class Mempool {
  private readonly view: AccountView
  private readonly domain: bigint
  private readonly crypto: CryptoService
  private readonly journal: Journal
  private readonly limits: LimitsConfig
  private readonly fees: FeeConfig
  private readonly feeTokens: ReadonlySet<bigint> | undefined
  private readonly deadlineSeconds: number
  private readonly lookup: (hash: bigint) => StoredAccepted | undefined
  private readonly now: () => number
  private readonly metrics: SequencerMetrics | undefined
  private readonly onAdmitted: ((seq: number, hash: Uint8Array) => void) | undefined
  private readonly onPreconfirmed: ((accepted: AcceptedTx) => void) | undefined
  private readonly onCritical: ((e: SequencerError) => void) | undefined
  private readonly lanes = new Map<bigint, Lane>()
  private readonly inFlightByHash = new Map<bigint, Entry>()
  private readonly counts = { verifying: 0, parked: 0, sequencing: 0, pending: 0 }
  readonly timing: MempoolTiming = { answered: 0, toAdmissionMs: 0, toAnswerMs: 0, samples: { toAdmission: new LatencySamples(), toAnswer: new LatencySamples(), total: new LatencySamples() } }
  private nextSeqValue: number
  private queueLengthValue: number
  private stoppedWith: SequencerError | undefined
  private drainWaiters: (() => void)[] = []

  constructor(params: {
    view: AccountView
    /** The deployment's signing domain (`domainHash`). */
    domain: bigint
    crypto: CryptoService
    journal: Journal
    limits: LimitsConfig
    fees: FeeConfig
    /** Tokens the operator has a fee account for; a fee in any other token is refused (`NO_FEE_ACCOUNT`), since no chunk could hold it. Undefined: no batcher, no check. */
    feeTokens?: ReadonlySet<bigint>
    preconfDeadlineSeconds: number
    /** Sequence number the next accepted transaction gets. */
    nextSeq: number
    /** L1 queue entries already applied. */
    queueLength: number
    /** A durable accepted transaction by hash, with its preconfirmation (the store). */
    lookup: (hash: bigint) => StoredAccepted | undefined
    now?: () => number
    metrics?: SequencerMetrics
    /** Called for every accepted transaction, in sequence order, with its hash as 32 bytes (the block sealer's feed). */
    onAdmitted?: (seq: number, hash: Uint8Array) => void
    /** Called once per accepted transaction when it is durable and signed (subscriptions). */
    onPreconfirmed?: (accepted: AcceptedTx) => void
    /** Called once when the store fails: the pending state is ahead of the disk. */
    onCritical?: (e: SequencerError) => void
  }) {
    this.view = params.view
    this.domain = params.domain
    this.crypto = params.crypto
    this.journal = params.journal
    this.limits = params.limits
    this.fees = params.fees
    this.feeTokens = params.feeTokens
    this.deadlineSeconds = params.preconfDeadlineSeconds
    this.lookup = params.lookup
    this.now = params.now ?? Date.now
    this.metrics = params.metrics
    this.onAdmitted = params.onAdmitted
    this.onPreconfirmed = params.onPreconfirmed
    this.onCritical = params.onCritical
    this.nextSeqValue = params.nextSeq
    this.queueLengthValue = params.queueLength
  }

  /** Sequence number of the last accepted transaction (durable or about to be). */
  get headSeq(): number {
    return this.nextSeqValue - 1
  }

  /** L1 queue entries applied to the pending state. */
  get queueLength(): number {
    return this.queueLengthValue
  }

  stats(): MempoolStats {
    return { ...this.counts, accounts: this.lanes.size }
  }

  /**
   * Accepts a signed transaction, or refuses it with a {@link TxRefusedError} whose code and
   * message say what was wrong. Resolves once it is durable with its signed preconfirmation.
   */
  submit(signed: SignedL2Tx): Promise<AcceptedTx> {
    const receivedMs = this.now()
    if (this.stoppedWith) return Promise.reject(this.unavailable())
    const { tx } = signed
    const sender = checkSender({ state: this.view, tx })
    if (!sender.ok) return Promise.reject(this.refuse(sender))
    const account = sender.account
    const minFee = this.fees.minFeeByToken.get(account.tokenId) ?? this.fees.minFee
    if (tx.fee < minFee) {
      return Promise.reject(this.refused('FEE_TOO_LOW', `fee below minimum: token ${account.tokenId} needs a fee of at least ${minFee}, transaction has ${tx.fee}`, { minFee: `0x${minFee.toString(16)}` }))
    }
    if (tx.fee > 0n && this.feeTokens && !this.feeTokens.has(account.tokenId)) {
      return Promise.reject(this.refused('NO_FEE_ACCOUNT', `this sequencer takes no fees in token ${account.tokenId}: send the transaction with fee 0`, { tokenId: `0x${account.tokenId.toString(16)}` }))
    }
    const expected = account.nonce
    if (tx.nonce < expected) return this.resend(signed, expected)
    if (tx.nonce > expected + BigInt(this.limits.maxNonceGap)) {
      return Promise.reject(
        this.refused('NONCE_TOO_HIGH', `nonce too high: account nonce is ${expected}, transaction has ${tx.nonce} (at most ${this.limits.maxNonceGap} ahead may wait for the ones before)`, {
          accountNonce: `0x${expected.toString(16)}`,
        }),
      )
    }
    let lane = this.lanes.get(tx.from)
    if (lane?.reserved.has(tx.nonce)) {
      return Promise.reject(this.refused('ALREADY_PENDING', `a transaction from account ${tx.from} with nonce ${tx.nonce} is already pending; wait for its answer`))
    }
    if ((lane?.count ?? 0) >= this.limits.maxPendingPerAccount) {
      return Promise.reject(this.refused('ACCOUNT_PENDING_LIMIT', `account ${tx.from} has ${lane!.count} transactions pending, the limit is ${this.limits.maxPendingPerAccount}; wait for their preconfirmations`))
    }
    if (this.counts.pending >= this.limits.maxPendingTotal) {
      return Promise.reject(this.refused('PENDING_LIMIT', `the sequencer queue is full (${this.counts.pending} transactions pending, the limit is ${this.limits.maxPendingTotal}); retry shortly`))
    }
    if (!lane) this.lanes.set(tx.from, (lane = { count: 0, reserved: new Set(), parked: new Map() }))
    lane.count++
    lane.reserved.add(tx.nonce)
    this.counts.pending++
    this.counts.verifying++

    let entry!: Entry
    const promise = new Promise<AcceptedTx>((resolve, reject) => {
      entry = { signed, from: tx.from, nonce: tx.nonce, publicKey: account.publicKey, receivedMs, receivedAt: performance.now(), stage: 'verifying', resolve, reject }
    })
    entry.done = promise
    promise.catch(() => {}) // answered through the returned promise
    this.verify(entry)
    return this.timed(promise)
  }

  private timed(promise: Promise<AcceptedTx>): Promise<AcceptedTx> {
    return withTimeout(promise, this.limits.submitTimeoutMs, () => new UnavailableError(`the transaction was not preconfirmed within ${this.limits.submitTimeoutMs} ms; resend the same transaction to get its preconfirmation if it was accepted`))
  }

  /**
   * Applies L1 queue entries (from the L1 follower, or tests funding accounts) to the pending
   * state, in queue order, and makes them durable in the log at this point. Entries before
   * `queueLength` were applied already and are skipped, so the follower may resend; a gap is
   * an error. Resolves with each new entry's outcome once durable. `origins` (one per entry,
   * from the L1 follower) are stored with the entries: their L1 block, hash, time and chain
   * value.
   *
   * @example
   * ```ts
   * await mempool.applyQueueEntries({ position: 0, entries: [deposit] })
   * ```
   */
  async applyQueueEntries(params: { position: number; entries: readonly QueueEntry[]; origins?: readonly QueueOrigin[] }): Promise<QueueOutcome[]> {
    if (this.stoppedWith) throw this.unavailable()
    const { position, entries } = params
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`queue position must be a non-negative integer, got ${position}`)
    if (position > this.queueLengthValue) {
      throw new RangeError(`queue entries ${this.queueLengthValue}..${position - 1} are missing: the next entry to apply is ${this.queueLengthValue}, got ${position}`)
    }
    const outcomes: QueueOutcome[] = []
    for (let i = this.queueLengthValue - position; i < entries.length; i++) {
      const entry = entries[i]!
      const { outcome } = applyQueueEntry({ state: this.view, entry, exitPosition: 0 })
      outcomes.push(outcome)
      this.journal.appendQueue({ position: this.queueLengthValue, afterSeq: this.nextSeqValue - 1, entry: queueEntryToJson(entry, params.origins?.[i]) })
      this.queueLengthValue++
      this.metrics?.queueApplied.inc({ outcome: outcome.status })
    }
    await this.journal.waitQueue(this.queueLengthValue).catch((e: Error) => this.critical(e))
    return outcomes
  }

  /**
   * Stops taking transactions and waits (up to `timeoutMs`) until every transaction already
   * taken is answered, so that a graceful stop loses no work in progress.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    this.stoppedWith ??= new UnavailableError('the sequencer is stopping')
    if (this.counts.pending === 0) return
    await new Promise<void>((resolve) => {
      this.drainWaiters.push(resolve)
      setTimeout(resolve, timeoutMs).unref()
    })
  }

  private verify(entry: Entry): void {
    this.crypto.verify(verifyJob({ signed: entry.signed, publicKey: entry.publicKey })).then(
      (r) => this.onVerified(entry, r),
      (e: Error) => this.finish(entry, new UnavailableError(`signature check failed to run: ${e.message}`)),
    )
  }

  private onVerified(entry: Entry, r: VerifyResult): void {
    if (entry.stage === 'done') return
    if (r.reason !== null) return this.finish(entry, this.refused('BAD_SIGNATURE', `invalid signature: ${r.reason} (the signed message is the transaction hash under this chain's and rollup's domain)`))
    entry.hash = r.hash
    const account = this.view.get(entry.from)!
    if (account.publicKey.x !== entry.publicKey.x || account.publicKey.y !== entry.publicKey.y) {
      // A set-key from L1 changed the key while the signature was checked: check again.
      entry.publicKey = account.publicKey
      return this.verify(entry)
    }
    if (entry.nonce < account.nonce) return this.finish(entry, this.refuse({ ok: false, reason: 'NONCE_TOO_LOW', detail: `nonce too low: account nonce is ${account.nonce}, transaction has ${entry.nonce}` }))
    if (entry.nonce > account.nonce) {
      entry.stage = 'parked'
      this.counts.verifying--
      this.counts.parked++
      this.lanes.get(entry.from)!.parked.set(entry.nonce, entry)
      entry.timer = setTimeout(() => {
        const lane = this.lanes.get(entry.from)
        if (lane?.parked.get(entry.nonce) !== entry) return
        lane.parked.delete(entry.nonce)
        const now = this.view.get(entry.from)!.nonce
        this.finish(entry, this.refused('NONCE_TOO_HIGH', `nonce too high: account nonce is ${now}, transaction has ${entry.nonce}, and no transaction with nonce ${now} arrived within ${this.limits.parkTimeoutMs} ms`))
      }, this.limits.parkTimeoutMs)
      return
    }
    this.admit(entry)
    // Admit the account's parked successors that are now in order.
    const lane = this.lanes.get(entry.from)
    for (let next = this.view.get(entry.from)!.nonce; lane?.parked.has(next); next = this.view.get(entry.from)!.nonce) {
      const p = lane.parked.get(next)!
      lane.parked.delete(next)
      clearTimeout(p.timer)
      this.counts.parked--
      this.counts.verifying++ // admit() moves it on from 'verifying'
      if (!this.admit(p)) break
    }
  }

  /** Sequences a verified transaction whose nonce is next; false when refused. */
  private admit(entry: Entry): boolean {
    if (this.stoppedWith && this.journal.failed) {
      this.counts.verifying--
      this.finish(entry, this.unavailable(), true)
      return false
    }
    const check = checkL2Tx({ state: this.view, tx: entry.signed.tx })
    if (!check.ok) {
      this.counts.verifying--
      this.finish(entry, this.refuse(check), true)
      return false
    }
    applyDaTx({ state: this.view, tx: check.da, exitPosition: 0 })
    const seq = this.nextSeqValue++
    const acceptedMs = this.now()
    const l1Deadline = Math.floor(acceptedMs / 1000) + this.deadlineSeconds
    Object.assign(entry, { stage: 'sequencing', seq, acceptedMs, l1Deadline, admittedAt: performance.now() })
    this.counts.verifying--
    this.counts.sequencing++
    this.lanes.get(entry.from)!.reserved.delete(entry.nonce)
    const hash = entry.hash!
    this.inFlightByHash.set(hash, entry)
    // One conversion for the log row and the block sealer.
    const hashBytes = hashToBytes(hash)
    try {
      this.journal.appendTx({ seq, hash: hashBytes, body: encodeSignedTx(entry.signed), acceptedMs, l1Deadline })
    } catch (e) {
      this.critical(e as Error)
      this.finish(entry, this.unavailable())
      return false
    }
    this.onAdmitted?.(seq, hashBytes)
    this.journal.waitTx(seq).then(
      (group) => this.complete(entry, group),
      (e: Error) => {
        this.critical(e)
        this.finish(entry, this.unavailable())
      },
    )
    return true
  }

  /** Durable and its group signed: answers the transaction. */
  private complete(entry: Entry, group: GroupProof): void {
    if (entry.stage === 'done') return
    this.metrics?.txAccepted.inc()
    this.metrics?.preconfSeconds.observe((this.now() - entry.receivedMs) / 1000)
    const at = performance.now()
    this.timing.answered++
    this.timing.toAdmissionMs += entry.admittedAt! - entry.receivedAt
    this.timing.toAnswerMs += at - entry.admittedAt!
    this.timing.samples.toAdmission.add(entry.admittedAt! - entry.receivedAt)
    this.timing.samples.toAnswer.add(at - entry.admittedAt!)
    this.timing.samples.total.add(at - entry.receivedAt)
    const accepted: AcceptedTx = { seq: entry.seq!, hash: entry.hash!, acceptedMs: entry.acceptedMs!, l1Deadline: entry.l1Deadline!, group }
    this.finish(entry, accepted)
    this.onPreconfirmed?.(accepted)
  }

  /** Ends an entry: answers it and releases its place in the limits. */
  private finish(entry: Entry, result: AcceptedTx | Error, countsDone = false): void {
    if (entry.stage === 'done') return
    if (!countsDone) {
      if (entry.stage === 'verifying') this.counts.verifying--
      else if (entry.stage === 'parked') this.counts.parked--
      else this.counts.sequencing--
    } else if (entry.stage === 'sequencing') this.counts.sequencing--
    const wasSequenced = entry.stage === 'sequencing'
    entry.stage = 'done'
    clearTimeout(entry.timer)
    this.counts.pending--
    const lane = this.lanes.get(entry.from)
    if (lane) {
      lane.count--
      if (!wasSequenced) lane.reserved.delete(entry.nonce)
      if (lane.parked.get(entry.nonce) === entry) lane.parked.delete(entry.nonce)
      if (lane.count === 0) this.lanes.delete(entry.from)
    }
    if (entry.hash !== undefined && this.inFlightByHash.get(entry.hash) === entry) this.inFlightByHash.delete(entry.hash)
    if (result instanceof Error) entry.reject(result)
    else entry.resolve(result)
    if (this.counts.pending === 0) for (const w of this.drainWaiters.splice(0)) w()
  }

  /** A nonce below the account's: the same transaction again answers as before. */
  private resend(signed: SignedL2Tx, expected: bigint): Promise<AcceptedTx> {
    const tooLow = (): TxRefusedError =>
      this.refused('NONCE_TOO_LOW', `nonce too low: account nonce is ${expected}, transaction has ${signed.tx.nonce}`, { accountNonce: `0x${expected.toString(16)}` })
    const hash = txHash({ tx: signed.tx, domain: this.domain })
    const inFlight = this.inFlightByHash.get(hash)
    if (inFlight?.done && sameSignature(inFlight.signed, signed)) return this.timed(inFlight.done)
    const stored = this.lookup(hash)
    if (!stored || !sameSignature(stored.signed, signed)) return Promise.reject(tooLow())
    return Promise.resolve(stored.accepted)
  }

  private refuse(r: Refusal): TxRefusedError {
    return this.refused(r.reason, r.detail)
  }

  private refused(code: TxRefusedError['code'], message: string, data?: Record<string, string>): TxRefusedError {
    this.metrics?.txRefused.inc({ reason: code })
    return new TxRefusedError({ code, message, data })
  }

  private unavailable(): SequencerError {
    return this.stoppedWith ?? new UnavailableError('the sequencer is stopping')
  }

  private critical(e: Error): void {
    if (this.stoppedWith && this.journal.failed) return
    const err = e instanceof SequencerError ? e : new UnavailableError(`store failure: ${e.message}`, e)
    this.stoppedWith = new UnavailableError(`the sequencer stopped after a store failure (${err.message}); it must restart`, err)
    this.onCritical?.(err)
  }
}

function sameSignature(a: SignedL2Tx, b: SignedL2Tx): boolean {
  return a.signature.S === b.signature.S && a.signature.R8.x === b.signature.R8.x && a.signature.R8.y === b.signature.R8.y
}

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(error()), ms)
    promise.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })
}
