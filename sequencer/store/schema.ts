import type { Database } from 'better-sqlite3'

/** Version of the store's schema (SQLite `user_version`). */
export const SCHEMA_VERSION = 3

/**
 * The store's tables. One ordered log: transactions by their global sequence number, and
 * the L1 queue entries applied between them (`after_seq`: the entry applies after the
 * transaction with that number; 0 before any). Blocks name ranges of sequence numbers.
 * Version 2 adds `batches`: the batches the batcher sealed, one row each (its chunks as JSON
 * in `record`), written before the commit is sent so that a restart never builds a batch
 * number twice. Version 3 adds `groups`: the transactions of one group commit, whose
 * preconfirmations are signed as one Merkle root (the signature is NULL until a later commit
 * writes it), and drops the per-transaction signature of `txs`.
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
  l1_deadline INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS txs_by_hash ON txs(hash);
CREATE TABLE IF NOT EXISTS groups (
  first_seq INTEGER PRIMARY KEY,
  count INTEGER NOT NULL,
  signature BLOB
);
CREATE INDEX IF NOT EXISTS groups_unsigned ON groups(first_seq) WHERE signature IS NULL;
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
 * Creates the tables of a new store, or checks that an existing one has this schema version.
 * An older store is upgraded: version 1 gets the `batches` table (every statement is `IF NOT
 * EXISTS`); versions 1 and 2 (one preconfirmation signature per transaction) get `groups`,
 * where each of their transactions becomes a group of one, signed again at start, and the
 * per-transaction signature column goes.
 *
 * @example
 * ```ts
 * migrate(db)
 * ```
 */
export function migrate(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) throw new Error(`store schema version ${version} is newer than this sequencer's (${SCHEMA_VERSION})`)
  db.transaction(() => {
    if (version === 1 || version === 2) {
      db.exec('DROP INDEX IF EXISTS txs_unsigned; ALTER TABLE txs DROP COLUMN signature')
      db.exec(SCHEMA_SQL)
      db.exec('INSERT INTO groups (first_seq, count, signature) SELECT seq, 1, NULL FROM txs')
    } else db.exec(SCHEMA_SQL)
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`)
  })()
}
