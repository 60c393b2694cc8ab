/**
 * The node store's tables (SQLite). Bigints are hex text (`0x..`) except tree nodes, which
 * are 32-byte blobs keyed by protocol's node key (`level * 2^32 + position`).
 *
 * - `meta`: the deployment the store belongs to (checked on open), the processed L1 height,
 *   the last handled event, the next account index, escape mode.
 * - `nodes`, `accounts`: the state after every applied batch (the head).
 * - `undo_nodes`, `undo_accounts`: per applied but unfinalized batch, what it overwrote (NULL:
 *   nothing), to revert it or to see the finalized state.
 * - `queue`: every queue entry, with the chain value after it.
 * - `batches`, `chunks`, `exits`: every committed batch and what replaying it gave.
 * - `chunk_txs` (version 3): every L2 transaction of every applied batch, by sequence number:
 *   its batch, chunk, record slot, the signed transaction it stands for and its hash (NULL
 *   until first asked for when applied with `proven` checks), to open a chunk's tx list for
 *   the slasher.
 * - `reports`: bad L1 data and other problems, with the batch number.
 * - `l1_blocks`: the hash of every L1 block the node recorded events from, and of the last
 *   block of every range it read, to detect reorgs (`irreversible`: the block holds an event
 *   the node cannot unwind: a finalization, a revert, escape mode).
 *
 * @example
 * ```ts
 * db.exec(NODE_STORE_SCHEMA)
 * ```
 */
export const NODE_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (key INTEGER PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
  idx INTEGER PRIMARY KEY, owner TEXT NOT NULL, token INTEGER NOT NULL, balance TEXT NOT NULL,
  nonce TEXT NOT NULL, pkx TEXT NOT NULL, pky TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS accounts_by_owner ON accounts (owner, token, idx);
CREATE TABLE IF NOT EXISTS undo_nodes (batch INTEGER NOT NULL, key INTEGER NOT NULL, value BLOB, PRIMARY KEY (batch, key));
CREATE TABLE IF NOT EXISTS undo_accounts (batch INTEGER NOT NULL, idx INTEGER NOT NULL, account TEXT, PRIMARY KEY (batch, idx));
CREATE TABLE IF NOT EXISTS queue (
  position INTEGER PRIMARY KEY, kind INTEGER NOT NULL, sender TEXT NOT NULL, idx TEXT NOT NULL,
  token TEXT NOT NULL, to_idx TEXT NOT NULL, amount TEXT NOT NULL, pkx TEXT NOT NULL, pky TEXT NOT NULL,
  queue_hash TEXT NOT NULL, timestamp INTEGER NOT NULL, block INTEGER NOT NULL, tx_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
  number INTEGER PRIMARY KEY, status TEXT NOT NULL, finalized INTEGER NOT NULL DEFAULT 0,
  block INTEGER NOT NULL, block_hash TEXT NOT NULL, block_time INTEGER NOT NULL, tx_hash TEXT NOT NULL,
  committer TEXT NOT NULL, data_hash TEXT NOT NULL, calldata INTEGER NOT NULL, chunk_count INTEGER NOT NULL,
  queue_end TEXT NOT NULL, state_root TEXT NOT NULL,
  queue_start TEXT, first_seq TEXT, tx_count INTEGER, checks TEXT, reason TEXT, message TEXT);
CREATE TABLE IF NOT EXISTS chunks (
  batch INTEGER NOT NULL, chunk INTEGER NOT NULL, public_inputs TEXT NOT NULL,
  queue_count INTEGER, first_seq TEXT, tx_count INTEGER, PRIMARY KEY (batch, chunk));
CREATE TABLE IF NOT EXISTS exits (
  batch INTEGER NOT NULL, chunk INTEGER NOT NULL, position INTEGER NOT NULL,
  recipient TEXT NOT NULL, token TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (batch, chunk, position));
CREATE TABLE IF NOT EXISTS chunk_txs (
  seq INTEGER PRIMARY KEY, batch INTEGER NOT NULL, chunk INTEGER NOT NULL, slot INTEGER NOT NULL, tx TEXT NOT NULL, hash TEXT);
CREATE INDEX IF NOT EXISTS chunk_txs_by_chunk ON chunk_txs (batch, chunk, seq);
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT, batch TEXT, chunk INTEGER, code TEXT NOT NULL, reason TEXT,
  severity TEXT NOT NULL, message TEXT NOT NULL, l1_block TEXT);
CREATE TABLE IF NOT EXISTS l1_blocks (number INTEGER PRIMARY KEY, hash TEXT NOT NULL, irreversible INTEGER NOT NULL DEFAULT 0);
`

/**
 * Bumped when the layout or the meaning of stored values changes; a store of another version
 * is refused (`StoreMismatchError`). Version 3 added `chunk_txs` (a version 2 store lacks the
 * transactions of the batches it applied: rebuild it from L1).
 *
 * @example
 * ```ts
 * store.meta('version') === String(NODE_STORE_VERSION)
 * ```
 */
export const NODE_STORE_VERSION = 3
