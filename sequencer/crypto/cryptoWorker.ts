/**
 * A crypto worker thread: hashes and verifies signed L2 transactions (EdDSA-Poseidon, the
 * protocol's WebAssembly verifier) and signs preconfirmations (secp256k1). Messages:
 * `{ type: 'verify' | 'sign', id, jobs }` answered by `{ id, results, ms }`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { TX_TYPE, txHash, verifyReason, type L2Tx } from '../../protocol/index.ts'
import { signPreconfirmation } from '../preconf/signPreconfirmation.ts'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import type { SignJob, VerifyJob, VerifyResult } from './cryptoJobs.ts'

const { domain, chainId, rollup, key } = workerData as { domain: bigint; chainId: bigint; rollup: `0x${string}`; key: Uint8Array }
secp256k1.Point.BASE.precompute(8, false)

function verify(job: VerifyJob): VerifyResult {
  const [type, from, nonce, dest, amount, fee, kx, ky, rx, ry, s] = job as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]
  const base = { from, nonce, amount, fee }
  const t = Number(type)
  const tx: L2Tx =
    t === TX_TYPE.TRANSFER
      ? { ...base, type: TX_TYPE.TRANSFER, to: dest }
      : t === TX_TYPE.TRANSFER_TO_L1
        ? { ...base, type: TX_TYPE.TRANSFER_TO_L1, toAddress: dest }
        : { ...base, type: TX_TYPE.WITHDRAW, recipient: dest }
  const hash = txHash({ tx, domain })
  const reason = verifyReason({ publicKey: { x: kx, y: ky }, message: hash, signature: { R8: { x: rx, y: ry }, S: s } })
  return { hash, reason: reason ?? null }
}

function sign(job: SignJob): Uint8Array {
  const [sequence, hash, l1Deadline] = job
  const signed = signPreconfirmation({ privateKey: key, preconfirmation: { chainId, rollup, sequence, txHash: `0x${hash.toString(16).padStart(64, '0')}`, l1Deadline } })
  return Buffer.from(signed.signature.slice(2), 'hex')
}

parentPort!.on('message', (msg: { type: 'verify'; id: number; jobs: VerifyJob[] } | { type: 'sign'; id: number; jobs: SignJob[] }) => {
  const start = performance.now()
  try {
    const results = msg.type === 'verify' ? msg.jobs.map(verify) : msg.jobs.map(sign)
    parentPort!.postMessage({ id: msg.id, results, ms: performance.now() - start })
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).message, ms: performance.now() - start })
  }
})
parentPort!.postMessage({ ready: true })
