/**
 * The store's writer thread: owns the only writing SQLite connection and runs each group
 * commit, so that the fsync of a commit never blocks the event loop that serves RPC. The
 * transactions of a commit form one group (Merkle root of their preconfirmation leaves, one
 * secp256k1 signature): the group signer thread (`groupSignerWorker.ts`, when `signerPort` is
 * given) signs it while this thread commits, and the answer waits for both, so a signature is
 * only ever seen for a durable group. Without a signer (or once it stops answering) the group
 * is signed here after the commit.
 *
 * The main thread sends commits without waiting for the one before; whatever queued while a
 * commit ran is taken at once (`receiveMessageOnPort`) and written as one SQLite transaction
 * (one fsync) whose transactions form one group (at most `MAX_PRECONFIRMATION_GROUP`), so the
 * next commit starts as soon as the previous one is signed, with no round trip to the main
 * thread in between, and the group still grows with the load.
 * Messages: `{ type: 'write', id, batch }` answered by `{ type: 'done', ids, ms, signMs, signWorkMs, group, signedBy }`
 * (one answer for the merged commits `ids`, in order) or `{ type: 'error', ids, message }`;
 * `{ type: 'no-signer' }` (the signer thread is gone: sign here); `{ type: 'close' }`.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads'
import type { SynchronousLevel } from '../config/index.ts'
// Not the preconf entry (index.ts): this thread loads only keccak, secp256k1 and the tree, so
// that it starts in milliseconds, not the seconds the protocol and viem take (a restart after
// a crash waits for it).
import { MAX_PRECONFIRMATION_GROUP } from '../preconf/preconfirmationConstants.ts'
import { commitGroupSigner } from './commitGroupSigner.ts'
import { GroupSignerClient } from './GroupSignerClient.ts'
import { batchWriter } from './batchWriter.ts'
import { mergeWriteBatches } from './mergeWriteBatches.ts'
import { openDatabase } from './openDatabase.ts'
import type { CommitResult, WriteBatch } from './rows.ts'

type Message = { type: 'write'; id: number; batch: WriteBatch } | { type: 'no-signer' } | { type: 'close' }

const { path, synchronous, signer, signerPort, signerFlag } = workerData as {
  path: string
  synchronous: SynchronousLevel
  signer: { key: Uint8Array; domainSeparator: Uint8Array }
  signerPort?: MessagePort
  signerFlag?: Int32Array
}
/** How long a commit waits for the signer thread before signing here (and not asking it again). */
const SIGNER_TIMEOUT_MS = 1000
const port = parentPort!
try {
  const db = openDatabase({ path, synchronous })
  // Checkpoints run in their own thread (checkpointWorker.ts), never inside a commit.
  db.pragma('wal_autocheckpoint = 0')
  const write = batchWriter(db)
  const entriesOf = (batch: WriteBatch) => batch.txs.map((t) => ({ sequence: t.seq, txHash: t.hash, l1Deadline: t.l1Deadline }))
  const signGroupHere = commitGroupSigner(signer)
  const sign = (batch: WriteBatch): CommitResult['group'] => (batch.txs.length === 0 ? null : signGroupHere(entriesOf(batch)))
  const signerClient = signerPort && signerFlag ? new GroupSignerClient({ port: signerPort, flag: signerFlag, timeoutMs: SIGNER_TIMEOUT_MS }) : undefined
  const backlog: Message[] = []
  let closed = false
  const commit = (writes: { id: number; batch: WriteBatch }[]): void => {
    const ids = writes.map((w) => w.id)
    const batch = mergeWriteBatches(writes.map((w) => w.batch))
    const start = performance.now()
    try {
      // The signer signs the group while the commit runs; nobody sees the signature before the
      // group is durable (the answer below).
      const job = batch.txs.length > 0 && signerClient?.alive ? signerClient.start(entriesOf(batch)) : undefined
      write(batch)
      const durable = performance.now()
      const bySigner = job !== undefined ? signerClient!.finish(job) : undefined
      const here = performance.now()
      const group = bySigner?.group ?? sign(batch)
      const signWorkMs = bySigner ? bySigner.ms : group ? performance.now() - here : 0
      port.postMessage({ type: 'done', ids, ms: durable - start, signMs: performance.now() - durable, signWorkMs, group, ...(group ? { signedBy: bySigner ? 'signer' : 'writer' } : {}) })
    } catch (e) {
      port.postMessage({ type: 'error', ids, message: (e as Error).message })
    }
  }
  const drain = (): void => {
    while (backlog.length > 0 && !closed) {
      for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) backlog.push(r.message as Message)
      const next = backlog[0]!
      if (next.type === 'no-signer') {
        signerClient?.stop()
        backlog.shift()
        continue
      }
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
