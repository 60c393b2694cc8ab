import Database from 'better-sqlite3'
import type { SynchronousLevel } from '../config/index.ts'

/**
 * Opens the store's SQLite file with the settings every connection needs: WAL journal (one
 * writer, readers never block it), the chosen `synchronous` level (`FULL`: a commit returns
 * after the WAL is fsync'd, durable across power loss; `NORMAL`: durable across a process
 * crash, not a power loss), and a busy timeout.
 *
 * @example
 * ```ts
 * const db = openDatabase({ path: config.dbPath, synchronous: 'FULL' })
 * ```
 */
export function openDatabase(params: { path: string; synchronous: SynchronousLevel; readonly?: boolean }): Database.Database {
  const db = new Database(params.path, { readonly: params.readonly ?? false })
  db.pragma('busy_timeout = 5000')
  if (!params.readonly) {
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') throw new Error(`cannot switch ${params.path} to WAL (journal_mode is ${mode})`)
  }
  db.pragma(`synchronous = ${params.synchronous}`)
  return db
}
