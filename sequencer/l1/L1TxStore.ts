import Database from 'better-sqlite3'
import type { Address, Hex } from 'viem'
import type { L1Receipt } from './L1Sender.ts'
import { L1TxError } from './L1TxError.ts'
import type { TxFees } from './l1Fees.ts'

/**
 * One signed transaction of a request: the first, or a replacement at the same nonce.
 *
 * @example
 * ```ts
 * const attempt: L1TxAttempt = { hash, raw, fees, signedMs: Date.now() }
 * ```
 */
export interface L1TxAttempt {
  hash: Hex
  /** The signed transaction as broadcast (with the blob sidecar for type 3); dropped once confirmed. */
  raw: Hex | undefined
  fees: TxFees
  signedMs: number
}

/**
 * A request the manager took a nonce for, as recorded before its first broadcast.
 *
 * @example
 * ```ts
 * const row = store.get('commit:batch:7')
 * if (row?.state === 'confirmed') return row.receipt
 * ```
 */
export interface L1TxRecord {
  key: string
  nonce: number
  /** keccak256 of the request's contents (to, data, blob, calldataAlternative): a key reused for other contents is refused. */
  contentHash: Hex
  via: 'blob' | 'calldata'
  to: Address
  /** The calldata actually sent (the request's `data`, or its `calldataAlternative`). */
  data: Hex
  /** The blob, when `via` is `blob` (dropped once confirmed). */
  blob: Uint8Array | undefined
  gas: bigint
  /** Wei sent with the call. */
  value: bigint
  state: 'pending' | 'confirmed' | 'failed'
  receipt: L1Receipt | undefined
  /** Code and message of the critical error a `failed` request ended with. */
  error: { code: string; message: string } | undefined
  /** Oldest first. */
  attempts: L1TxAttempt[]
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS l1tx_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS l1tx_requests (
  key TEXT PRIMARY KEY,
  nonce INTEGER NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  via TEXT NOT NULL,
  to_address TEXT NOT NULL,
  data TEXT NOT NULL,
  blob BLOB,
  gas TEXT NOT NULL,
  value TEXT NOT NULL DEFAULT '0',
  state TEXT NOT NULL,
  receipt TEXT,
  error TEXT,
  created_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS l1tx_requests_pending ON l1tx_requests (nonce) WHERE state = 'pending';
CREATE TABLE IF NOT EXISTS l1tx_attempts (
  nonce INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  raw BLOB,
  max_fee_per_gas TEXT NOT NULL,
  max_priority_fee_per_gas TEXT NOT NULL,
  max_fee_per_blob_gas TEXT,
  signed_ms INTEGER NOT NULL,
  PRIMARY KEY (nonce, seq)
) STRICT;
`

interface RequestRow {
  key: string
  nonce: number
  content_hash: string
  via: string
  to_address: string
  data: string
  blob: Buffer | null
  gas: string
  value: string
  state: string
  receipt: string | null
  error: string | null
}
interface AttemptRow {
  hash: string
  raw: Buffer | null
  max_fee_per_gas: string
  max_priority_fee_per_gas: string
  max_fee_per_blob_gas: string | null
  signed_ms: number
}

const receiptToJson = (r: L1Receipt): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
const receiptFromJson = (s: string): L1Receipt => JSON.parse(s, (_k, v: unknown) => (typeof v === 'string' && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v)) as L1Receipt
const hexToBuffer = (h: Hex): Buffer => Buffer.from(h.slice(2), 'hex')
const bufferToHex = (b: Buffer): Hex => `0x${b.toString('hex')}`

/**
 * The manager's durable record, in SQLite (tables `l1tx_*`, so it may share a database with
 * other stores): which key holds which nonce, and every signed attempt at that nonce, written
 * (and fsync'd with `synchronous = FULL`) before the transaction is broadcast. What it holds
 * after a crash is exactly what may be in flight on L1.
 *
 * @example
 * ```ts
 * const store = L1TxStore.open({ path: './l1tx.db' })
 * store.bind({ address, chainId: 1 })
 * ```
 */
export class L1TxStore {
  private readonly statements
  private constructor(
    readonly db: Database.Database,
    private readonly owned: boolean,
  ) {
    db.exec(SCHEMA)
    // Databases made before requests carried a value: add the column (0 for their requests).
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('l1tx_requests')").all()
    if (!columns.some((c) => c.name === 'value')) db.exec("ALTER TABLE l1tx_requests ADD COLUMN value TEXT NOT NULL DEFAULT '0'")
    this.statements = {
      meta: db.prepare<[string], { value: string }>('SELECT value FROM l1tx_meta WHERE name = ?'),
      setMeta: db.prepare<[string, string]>('INSERT INTO l1tx_meta (name, value) VALUES (?, ?)'),
      get: db.prepare<[string], RequestRow>('SELECT * FROM l1tx_requests WHERE key = ?'),
      pending: db.prepare<[], RequestRow>("SELECT * FROM l1tx_requests WHERE state = 'pending' ORDER BY nonce"),
      maxNonce: db.prepare<[], { n: number | null }>('SELECT MAX(nonce) AS n FROM l1tx_requests'),
      attempts: db.prepare<[number], AttemptRow>('SELECT * FROM l1tx_attempts WHERE nonce = ? ORDER BY seq'),
      insertRequest: db.prepare(
        "INSERT INTO l1tx_requests (key, nonce, content_hash, via, to_address, data, blob, gas, value, state, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
      ),
      insertAttempt: db.prepare(
        'INSERT INTO l1tx_attempts (nonce, seq, hash, raw, max_fee_per_gas, max_priority_fee_per_gas, max_fee_per_blob_gas, signed_ms) VALUES (?, (SELECT COALESCE(MAX(seq), -1) + 1 FROM l1tx_attempts WHERE nonce = ?), ?, ?, ?, ?, ?, ?)',
      ),
      confirm: db.prepare("UPDATE l1tx_requests SET state = 'confirmed', receipt = ?, blob = NULL WHERE key = ? AND state = 'pending'"),
      fail: db.prepare("UPDATE l1tx_requests SET state = 'failed', error = ? WHERE key = ? AND state = 'pending'"),
      dropRaws: db.prepare('UPDATE l1tx_attempts SET raw = NULL WHERE nonce = ?'),
    }
  }

  /**
   * Opens (creating) the tables on a database file of its own (WAL, `synchronous = FULL`) or
   * on a handle the caller opened (then the caller's pragmas apply and `close` leaves it open).
   *
   * @example
   * ```ts
   * const store = L1TxStore.open({ path: config.l1TxDbPath })
   * ```
   */
  static open(params: { path: string } | { db: Database.Database }): L1TxStore {
    if ('db' in params) return new L1TxStore(params.db, false)
    const db = new Database(params.path)
    db.pragma('busy_timeout = 5000')
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') {
      db.close()
      throw new L1TxError({ code: 'L1_STORE_MISMATCH', message: `cannot switch ${params.path} to WAL (journal_mode is ${String(mode)})` })
    }
    db.pragma('synchronous = FULL')
    return new L1TxStore(db, true)
  }

  /**
   * Ties the database to one sender and chain on first use, and refuses any other afterwards
   * (its nonces would mean nothing there).
   *
   * @example
   * ```ts
   * store.bind({ address: account.address, chainId: 1 })
   * ```
   */
  bind(params: { address: Address; chainId: number }): void {
    const want = { address: params.address.toLowerCase(), chainId: String(params.chainId) }
    this.db.transaction(() => {
      for (const [name, value] of Object.entries(want)) {
        const have = this.statements.meta.get(name)?.value
        if (have === undefined) this.statements.setMeta.run(name, value)
        else if (have !== value) throw new L1TxError({ code: 'L1_STORE_MISMATCH', message: `the L1 transaction database is for ${name} ${have}, not ${value}` })
      }
    })()
  }

  /** The record of `key`, if a nonce was ever taken for it. @example store.get('commit:batch:7')?.nonce */
  get(key: string): L1TxRecord | undefined {
    const row = this.statements.get.get(key)
    return row && this.toRecord(row)
  }

  /** Requests not confirmed yet, by nonce. @example for (const r of store.pending()) watch(r) */
  pending(): L1TxRecord[] {
    return this.statements.pending.all().map((row) => this.toRecord(row))
  }

  /** The highest nonce ever taken, if any. @example const next = (store.maxNonce() ?? -1) + 1 */
  maxNonce(): number | undefined {
    return this.statements.maxNonce.get()?.n ?? undefined
  }

  /**
   * Records a new request with its first attempt, in one transaction (durable when this
   * returns): a crash after it finds the nonce taken and the transaction to resend.
   *
   * @example
   * ```ts
   * store.insert({ record, attempt, nowMs: clock.now() })
   * ```
   */
  insert(params: { record: Omit<L1TxRecord, 'state' | 'receipt' | 'error' | 'attempts'>; attempt: L1TxAttempt; nowMs: number }): void {
    const { record: r, attempt } = params
    this.db.transaction(() => {
      this.statements.insertRequest.run(r.key, r.nonce, r.contentHash, r.via, r.to, r.data, r.blob ? Buffer.from(r.blob) : null, r.gas.toString(), r.value.toString(), params.nowMs)
      this.insertAttempt(r.nonce, attempt)
    })()
  }

  /** Records a replacement (durable when this returns), before it is broadcast. @example store.addAttempt({ nonce, attempt }) */
  addAttempt(params: { nonce: number; attempt: L1TxAttempt }): void {
    this.insertAttempt(params.nonce, params.attempt)
  }

  /** Records the outcome of a request and drops its raw transactions and blob. @example store.confirm({ receipt }) */
  confirm(params: { receipt: L1Receipt }): void {
    const { receipt } = params
    this.db.transaction(() => {
      this.statements.confirm.run(receiptToJson(receipt), receipt.key)
      this.statements.dropRaws.run(receipt.nonce)
    })()
  }

  /** Records that a request can never complete (a critical error). @example store.fail({ key, code: 'L1_NONCE_TAKEN', message }) */
  fail(params: { key: string; code: string; message: string }): void {
    this.statements.fail.run(JSON.stringify({ code: params.code, message: params.message }), params.key)
  }

  /** Closes the database if this store opened it. @example store.close() */
  close(): void {
    if (this.owned && this.db.open) this.db.close()
  }

  private insertAttempt(nonce: number, a: L1TxAttempt): void {
    this.statements.insertAttempt.run(
      nonce,
      nonce,
      a.hash,
      a.raw ? hexToBuffer(a.raw) : null,
      a.fees.maxFeePerGas.toString(),
      a.fees.maxPriorityFeePerGas.toString(),
      a.fees.maxFeePerBlobGas?.toString() ?? null,
      a.signedMs,
    )
  }

  private toRecord(row: RequestRow): L1TxRecord {
    return {
      key: row.key,
      nonce: row.nonce,
      contentHash: row.content_hash as Hex,
      via: row.via as 'blob' | 'calldata',
      to: row.to_address as Address,
      data: row.data as Hex,
      blob: row.blob ? new Uint8Array(row.blob) : undefined,
      gas: BigInt(row.gas),
      value: BigInt(row.value),
      state: row.state as L1TxRecord['state'],
      receipt: row.receipt ? receiptFromJson(row.receipt) : undefined,
      error: row.error ? (JSON.parse(row.error) as { code: string; message: string }) : undefined,
      attempts: this.statements.attempts.all(row.nonce).map((a) => ({
        hash: a.hash as Hex,
        raw: a.raw ? bufferToHex(a.raw) : undefined,
        fees: {
          maxFeePerGas: BigInt(a.max_fee_per_gas),
          maxPriorityFeePerGas: BigInt(a.max_priority_fee_per_gas),
          ...(a.max_fee_per_blob_gas !== null ? { maxFeePerBlobGas: BigInt(a.max_fee_per_blob_gas) } : {}),
        },
        signedMs: a.signed_ms,
      })),
    }
  }
}
