/**
 * A crypto worker thread: hashes and verifies signed L2 transactions (EdDSA-Poseidon, the
 * protocol's WebAssembly verifier) and signs preconfirmations (secp256k1). Messages:
 * `{ type: 'verify' | 'sign', id, jobs }` answered by `{ id, results, ms }`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { runSignJob, runVerifyJob, warmUpCrypto, type SignJob, type VerifyJob } from './cryptoJobs.ts'

const d = workerData as { domain: bigint; chainId: bigint; rollup: `0x${string}`; key: Uint8Array }
secp256k1.Point.BASE.precompute(8, false)
warmUpCrypto(d)

parentPort!.on('message', (msg: { type: 'verify'; id: number; jobs: VerifyJob[] } | { type: 'sign'; id: number; jobs: SignJob[] }) => {
  const start = performance.now()
  try {
    const results = msg.type === 'verify' ? msg.jobs.map((j) => runVerifyJob(j, d.domain)) : msg.jobs.map((j) => runSignJob(j, d))
    parentPort!.postMessage({ id: msg.id, results, ms: performance.now() - start })
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).message, ms: performance.now() - start })
  }
})
parentPort!.postMessage({ ready: true })
