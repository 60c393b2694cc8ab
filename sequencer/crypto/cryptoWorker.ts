/**
 * A crypto worker thread: hashes and verifies signed L2 transactions (EdDSA-Poseidon, the
 * protocol's WebAssembly verifier). Preconfirmations are signed per group by the store's
 * writer thread. Messages: `{ type: 'verify', id, jobs }` answered by `{ id, results, ms }`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { runVerifyJob, warmUpCrypto, type VerifyJob } from './cryptoJobs.ts'

const d = workerData as { domain: bigint }
warmUpCrypto(d)

parentPort!.on('message', (msg: { type: 'verify'; id: number; jobs: VerifyJob[] }) => {
  const start = performance.now()
  try {
    const results = msg.jobs.map((j) => runVerifyJob(j, d.domain))
    parentPort!.postMessage({ id: msg.id, results, ms: performance.now() - start })
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).message, ms: performance.now() - start })
  }
})
parentPort!.postMessage({ ready: true })
