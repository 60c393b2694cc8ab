import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { chunkCircuitInputs, type Chunk } from '../protocol/index.ts'
import { ProverError } from './errors.ts'
import type { Groth16Proof } from './proof.ts'

/** A chunk proof with its public signals, as produced and checked by {@link proveChunk}. */
export interface ChunkProof {
  proof: Groth16Proof
  publicSignals: bigint[]
  /** Witness and proof time inside the prover process. */
  proveMs: number
  /** The witness part of `proveMs`. */
  witnessMs?: number
  /** CPU time of the prover process (all its threads), which a loaded machine does not inflate. */
  cpuMs?: number
  /** Peak resident memory of the prover process. */
  peakRssBytes?: number
}

interface ProveReply {
  ok: boolean
  proof?: Groth16Proof
  publicSignals?: string[]
  proveMs?: number
  witnessMs?: number
  cpuMs?: number
  peakRssBytes?: number
  error?: string
}

function toJson(v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map(toJson) : v
}

/**
 * Proves one chunk: computes the witness and the Groth16 proof with snarkjs in a child process
 * (snarkjs runs its worker threads there; the caller's event loop stays free, its memory is
 * returned when the proof is done, and no snarkjs thread outlives the proof; the witness runs
 * in a process of its own without V8's optimizing tier, see `witnessWorker.mjs`), then checks
 * that the proof's public signals are the chunk's public inputs. Throws {@link ProverError}
 * with code PROOF_FAILED when the witness does not satisfy the circuit (the message names
 * the failing template), PUBLIC_INPUTS_MISMATCH otherwise.
 *
 * @example
 * ```ts
 * const { proof, publicSignals } = await proveChunk({ chunk, wasm: keys.wasm, zkey: keys.zkey })
 * ```
 */
export async function proveChunk(params: { chunk: Chunk; wasm: string; zkey: string }): Promise<ChunkProof> {
  const inputs = chunkCircuitInputs(params.chunk)
  const input = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, toJson(v)]))
  const result = await new Promise<ProveReply>((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./proveWorker.mjs', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] })
    let reply: ProveReply | undefined
    child.once('message', (m) => {
      reply = m as ProveReply
    })
    child.once('error', (e: Error) => reject(new ProverError('WORKER_DIED', `prover process failed: ${e.message}`)))
    child.once('exit', (code, signal) => {
      if (reply) resolve(reply)
      else reject(new ProverError('WORKER_DIED', `prover process exited (${signal ?? code}) before answering`))
    })
    child.send({ input, wasm: params.wasm, zkey: params.zkey })
  })
  if (!result.ok || !result.proof || !result.publicSignals) {
    throw new ProverError('PROOF_FAILED', `the chunk's witness does not satisfy the circuit: ${result.error?.split('\n').slice(0, 6).join(' | ')}`)
  }
  const publicSignals = result.publicSignals.map((s) => BigInt(s))
  const expected = params.chunk.publicInputs
  if (publicSignals.length !== expected.length || publicSignals.some((s, i) => s !== expected[i])) {
    throw new ProverError('PUBLIC_INPUTS_MISMATCH', `proof public signals ${publicSignals.join(',')} differ from the chunk's ${expected.join(',')}`)
  }
  return {
    proof: result.proof,
    publicSignals,
    proveMs: result.proveMs ?? 0,
    ...(result.witnessMs !== undefined ? { witnessMs: result.witnessMs } : {}),
    ...(result.cpuMs !== undefined ? { cpuMs: result.cpuMs } : {}),
    ...(result.peakRssBytes ? { peakRssBytes: result.peakRssBytes } : {}),
  }
}
