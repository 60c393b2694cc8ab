/**
 * The store's writer thread: owns the only writing SQLite connection and runs each group
 * commit, so that the fsync of a commit never blocks the event loop that serves RPC. Once a
 * commit holding transactions is durable, it signs their group (Merkle root of their
 * preconfirmation leaves, one secp256k1 signature) here, without another thread hop.
 * Messages: `{ type: 'write', id, batch }` answered by `{ type: 'done', id, ms, signMs, group }`
 * or `{ type: 'error', id, message }`; `{ type: 'close' }`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import type { SynchronousLevel } from '../config/index.ts'
// Not the preconf entry (index.ts): this thread loads only keccak, secp256k1 and the tree, so
// that it starts in milliseconds, not the seconds the protocol and viem take (a restart after
// a crash waits for it).
import { nativeSecp256k1 } from '../preconf/nativeSecp256k1.ts'
import { signGroup } from '../preconf/signGroup.ts'
import { batchWriter } from './batchWriter.ts'
import { openDatabase } from './openDatabase.ts'
import type { CommitResult, WriteBatch } from './rows.ts'

const { path, synchronous, signer } = workerData as { path: string; synchronous: SynchronousLevel; signer: { key: Uint8Array; domainSeparator: Uint8Array } }
const port = parentPort!
try {
  const db = openDatabase({ path, synchronous })
  // Checkpoints run in their own thread (checkpointWorker.ts), never inside a commit.
  db.pragma('wal_autocheckpoint = 0')
  const write = batchWriter(db)
  // noble is the fallback when libsecp256k1's compiled module does not load.
  if (!nativeSecp256k1().native) secp256k1.Point.BASE.precompute(8, false)
  const sign = (batch: WriteBatch): CommitResult['group'] => {
    if (batch.txs.length === 0) return null
    const g = signGroup({ key: signer.key, domainSeparator: signer.domainSeparator, entries: batch.txs.map((t) => ({ sequence: t.seq, txHash: t.hash, l1Deadline: t.l1Deadline })) })
    return { signature: g.signature, levels: g.levels }
  }
  sign({ txs: [{ seq: 1, hash: new Uint8Array(32), body: new Uint8Array(0), acceptedMs: 0, l1Deadline: 0 }], signatures: [], queue: [], blocks: [] }) // warm-up
  port.on('message', (msg: { type: 'write'; id: number; batch: WriteBatch } | { type: 'close' }) => {
    if (msg.type === 'close') {
      db.close()
      port.postMessage({ type: 'closed' })
      return
    }
    const start = performance.now()
    try {
      write(msg.batch)
      // Durable: only now is the group signed (its boundaries are on disk).
      const durable = performance.now()
      const group = sign(msg.batch)
      const result: CommitResult = { ms: durable - start, signMs: performance.now() - durable, group }
      port.postMessage({ type: 'done', id: msg.id, ...result })
    } catch (e) {
      port.postMessage({ type: 'error', id: msg.id, message: (e as Error).message })
    }
  })
  port.postMessage({ type: 'ready' })
} catch (e) {
  port.postMessage({ type: 'fatal', message: (e as Error).message })
}
