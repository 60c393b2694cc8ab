/**
 * The group signer thread: signs preconfirmation groups for the writer thread
 * (`storeWriterWorker.ts`) while the writer commits them, so that a group's Merkle tree and
 * secp256k1 signature (about 0.2 ms on the 2-core machines) overlap the commit's fsync instead
 * of following it. The writer still answers only once the commit is durable: a signature of a
 * group that never became durable is dropped and never seen.
 *
 * It talks to the writer over its own `MessagePort` (`port`), not through the main thread:
 * `{ id, entries }` is answered by `{ id, group, ms }` or `{ id, error }`, and every answer bumps
 * `flag[0]` and wakes it (`Atomics.notify`), since the writer waits with `Atomics.wait` (its
 * event loop is blocked in its commit loop). See {@link GroupSignerClient}.
 */
import { workerData, type MessagePort } from 'node:worker_threads'
import type { GroupEntry } from '../preconf/signGroup.ts'
import { commitGroupSigner } from './commitGroupSigner.ts'
import type { CommitResult } from './rows.ts'

const { port, flag, signer } = workerData as { port: MessagePort; flag: Int32Array; signer: { key: Uint8Array; domainSeparator: Uint8Array } }
const sign = commitGroupSigner(signer)
port.on('message', (m: { id: number; entries: GroupEntry[] }) => {
  let answer: { id: number; group?: CommitResult['group']; ms?: number; error?: string }
  const start = performance.now()
  try {
    answer = { id: m.id, group: sign(m.entries), ms: performance.now() - start }
  } catch (e) {
    answer = { id: m.id, error: (e as Error).message }
  }
  port.postMessage(answer)
  Atomics.add(flag, 0, 1)
  Atomics.notify(flag, 0)
})
port.postMessage({ ready: true })
Atomics.add(flag, 0, 1)
Atomics.notify(flag, 0)
