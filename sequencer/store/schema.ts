import type { Database } from 'better-sqlite3'

/** Version of the store's schema (SQLite `user_version`). */
export const SCHEMA_VERSION = 2

/**
 * The store's tables. One ordered log: transactions by their global sequence number, and
 * the L1 queue entries applied between them (`after_seq`: the entry applies after the
 * transaction with that number; 0 before any). Blocks name ranges of sequence numbers.
 * Version 2 adds `batches`: the batches the batcher sealed, one row each (its chunks as JSON
 * in `record`), written before the commit is sent so that a restart never builds a batch
 * number twice.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS txs (
  seq INTEGER PRIMARY KEY,
  hash BLOB NOT NULL,
  body BLOB NOT NULL,
  accepted_ms INTEGER NOT NULL,
  l1_deadline INTEGER NOT NULL,
  signature BLOB
);
CREATE UNIQUE INDEX IF NOT EXISTS txs_by_hash ON txs(hash);
CREATE INDEX IF NOT EXISTS txs_unsigned ON txs(seq) WHERE signature IS NULL;
CREATE TABLE IF NOT EXISTS queue (
  position INTEGER PRIMARY KEY,
  after_seq INTEGER NOT NULL,
  entry TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blocks (
  number INTEGER PRIMARY KEY,
  hash BLOB NOT NULL,
  parent_hash BLOB NOT NULL,
  timestamp INTEGER NOT NULL,
  first_seq INTEGER NOT NULL,
  tx_count INTEGER NOT NULL,
  tx_root BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS blocks_by_hash ON blocks(hash);
CREATE INDEX IF NOT EXISTS blocks_by_first_seq ON blocks(first_seq) WHERE tx_count > 0;
CREATE TABLE IF NOT EXISTS batches (
  number INTEGER PRIMARY KEY,
  status TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  tx_count INTEGER NOT NULL,
  queue_start INTEGER NOT NULL,
  queue_end INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS batches_by_first_seq ON batches(first_seq);
CREATE INDEX IF NOT EXISTS batches_by_queue_start ON batches(queue_start);
`

/**
 * Creates the tables of a new store, or checks that an existing one has this schema version;
 * a version 1 store gets the `batches` table (every statement is `IF NOT EXISTS`).
 *
 * @example
 * ```ts
 * migrate(db)
 * ```
 */
export function migrate(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) throw new Error(`store schema version ${version} is newer than this sequencer's (${SCHEMA_VERSION})`)
  db.exec(SCHEMA_SQL)
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`)
}
