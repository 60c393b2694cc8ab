/**
 * The store's checkpoint thread: every `intervalMs` it copies the WAL into the database file
 * (`wal_checkpoint(PASSIVE)`: never waits for the writer or readers). The writer thread turns
 * SQLite's automatic checkpoints off, so that a checkpoint (and its fsync of the database
 * file) never stalls a group commit. Messages: `{ type: 'close' }`; it posts
 * `{ type: 'checkpoint', at, ms, pages }` after each checkpoint (`at`: absolute ms).
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { SynchronousLevel } from '../config/index.ts'
import { openDatabase } from './openDatabase.ts'

const { path, synchronous, intervalMs } = workerData as { path: string; synchronous: SynchronousLevel; intervalMs: number }
const db = openDatabase({ path, synchronous })
const timer = setInterval(() => {
  const start = performance.now()
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[]
    // When it ran and for how long (absolute ms), for diagnostics of the commits' tail.
    parentPort!.postMessage({ type: 'checkpoint', at: performance.timeOrigin + start, ms: performance.now() - start, pages: r?.checkpointed ?? 0 })
  } catch {
    // Busy or interrupted: the next round catches up.
  }
}, intervalMs)
parentPort!.on('message', (m: { type: 'close' }) => {
  if (m.type !== 'close') return
  clearInterval(timer)
  db.close()
  parentPort!.postMessage({ type: 'closed' })
})
parentPort!.postMessage({ type: 'ready' })
