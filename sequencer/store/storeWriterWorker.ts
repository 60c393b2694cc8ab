/**
 * The store's writer thread: owns the only writing SQLite connection and runs each group
 * commit, so that the fsync of a commit never blocks the event loop that serves RPC. Once a
 * commit holding transactions is durable, it signs their group (Merkle root of their
 * preconfirmation leaves, one secp256k1 signature) here, without another thread hop.
 *
 * The main thread sends commits without waiting for the one before; whatever queued while a
 * commit ran is taken at once (`receiveMessageOnPort`) and written as one SQLite transaction
 * (one fsync) whose transactions form one group (at most `MAX_PRECONFIRMATION_GROUP`), so the
 * next commit starts as soon as the previous one is signed, with no round trip to the main
 * thread in between, and the group still grows with the load.
 * Messages: `{ type: 'write', id, batch }` answered by `{ type: 'done', ids, ms, signMs, group }`
 * (one answer for the merged commits `ids`, in order) or `{ type: 'error', ids, message }`;
 * `{ type: 'close' }`.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import type { SynchronousLevel } from '../config/index.ts'
// Not the preconf entry (index.ts): this thread loads only keccak, secp256k1 and the tree, so
// that it starts in milliseconds, not the seconds the protocol and viem take (a restart after
// a crash waits for it).
import { MAX_PRECONFIRMATION_GROUP } from '../preconf/preconfirmationConstants.ts'
import { nativeSecp256k1 } from '../preconf/nativeSecp256k1.ts'
import { signGroup } from '../preconf/signGroup.ts'
import { batchWriter } from './batchWriter.ts'
import { mergeWriteBatches } from './mergeWriteBatches.ts'
import { openDatabase } from './openDatabase.ts'
import type { CommitResult, WriteBatch } from './rows.ts'

type Message = { type: 'write'; id: number; batch: WriteBatch } | { type: 'close' }

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
    return { firstSeq: g.firstSequence, count: g.count, signature: g.signature, levels: g.levels }
  }
  sign({ txs: [{ seq: 1, hash: new Uint8Array(32), body: new Uint8Array(0), acceptedMs: 0, l1Deadline: 0 }], signatures: [], queue: [], blocks: [] }) // warm-up
  const backlog: Message[] = []
  let closed = false
  const commit = (writes: { id: number; batch: WriteBatch }[]): void => {
    const ids = writes.map((w) => w.id)
    const batch = mergeWriteBatches(writes.map((w) => w.batch))
    const start = performance.now()
    try {
      write(batch)
      // Durable: only now is the group signed (its boundaries are on disk).
      const durable = performance.now()
      const group = sign(batch)
      port.postMessage({ type: 'done', ids, ms: durable - start, signMs: performance.now() - durable, group })
    } catch (e) {
      port.postMessage({ type: 'error', ids, message: (e as Error).message })
    }
  }
  const drain = (): void => {
    while (backlog.length > 0 && !closed) {
      for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) backlog.push(r.message as Message)
      const next = backlog[0]!
      if (next.type === 'close') {
        closed = true
        db.close()
        port.postMessage({ type: 'closed' })
        return
      }
      // The writes queued in a row, up to one group's worth of transactions.
      const writes: { id: number; batch: WriteBatch }[] = []
      let txs = 0
      while (backlog.length > 0) {
        const m = backlog[0]!
        if (m.type !== 'write' || (writes.length > 0 && txs + m.batch.txs.length > MAX_PRECONFIRMATION_GROUP)) break
        backlog.shift()
        writes.push(m)
        txs += m.batch.txs.length
      }
      commit(writes)
    }
  }
  port.on('message', (msg: Message) => {
    backlog.push(msg)
    drain()
  })
  port.postMessage({ type: 'ready' })
} catch (e) {
  port.postMessage({ type: 'fatal', message: (e as Error).message })
}
