import { readFileSync } from 'node:fs'
import * as snarkjs from 'snarkjs'
import type { Groth16Proof } from './proof.ts'

/**
 * Verifies a chunk proof off-chain with snarkjs against a verification key (a path to the
 * exported JSON, or the parsed object), then tears snarkjs's curve down.
 *
 * @example
 * ```ts
 * await verifyChunkProof({ vkey: keys.vkey, proof, publicSignals }) // true
 * ```
 */
export async function verifyChunkProof(params: { vkey: string | object; proof: Groth16Proof; publicSignals: readonly bigint[] }): Promise<boolean> {
  const vk = typeof params.vkey === 'string' ? JSON.parse(readFileSync(params.vkey, 'utf8')) : params.vkey
  try {
    return (await snarkjs.groth16.verify(vk, params.publicSignals.map(String), params.proof)) as boolean
  } finally {
    await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate()
  }
}
