/**
 * The store's writer thread: owns the only writing SQLite connection and runs each group
 * commit, so that the fsync of a commit never blocks the event loop that serves RPC.
 * Messages: `{ type: 'write', id, batch }` answered by `{ type: 'done', id, ms }` or
 * `{ type: 'error', id, message }`; `{ type: 'close' }`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { SynchronousLevel } from '../config/index.ts'
import { batchWriter } from './batchWriter.ts'
import { openDatabase } from './openDatabase.ts'
import type { WriteBatch } from './rows.ts'

const { path, synchronous } = workerData as { path: string; synchronous: SynchronousLevel }
const port = parentPort!
try {
  const db = openDatabase({ path, synchronous })
  // Checkpoints run in their own thread (checkpointWorker.ts), never inside a commit.
  db.pragma('wal_autocheckpoint = 0')
  const write = batchWriter(db)
  port.on('message', (msg: { type: 'write'; id: number; batch: WriteBatch } | { type: 'close' }) => {
    if (msg.type === 'close') {
      db.close()
      port.postMessage({ type: 'closed' })
      return
    }
    const start = performance.now()
    try {
      write(msg.batch)
      port.postMessage({ type: 'done', id: msg.id, ms: performance.now() - start })
    } catch (e) {
      port.postMessage({ type: 'error', id: msg.id, message: (e as Error).message })
    }
  })
  port.postMessage({ type: 'ready' })
} catch (e) {
  port.postMessage({ type: 'fatal', message: (e as Error).message })
}
