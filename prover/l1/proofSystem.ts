import { contractProof, insecureMockProof, type ContractProof } from '../../l1-contracts/index.ts'
import type { Chunk } from '../../protocol/index.ts'
import { proveChunk, type ChunkProof } from '../proveChunk.ts'

/**
 * How chunks are proven and how a proof is handed to the rollup contract: real Groth16 proofs
 * for the generated verifier ({@link groth16ProofSystem}), or the INSECURE mock proofs that
 * only the test verifier accepts ({@link insecureMockProofSystem}).
 */
export interface ProofSystem {
  readonly kind: 'groth16' | 'insecure-mock'
  /** Proves a chunk (the shape `startProverService` takes as `prove`). */
  prove(params: { chunk: Chunk; wasm: string; zkey: string }): Promise<ChunkProof>
  /** The `Groth16Proof` argument of `prove` / `commitAndProve` for a chunk and its proof. */
  encode(params: { chunk: Chunk; proof: ChunkProof }): ContractProof
  /** The circuit files `prove` reads (empty for the mock). */
  readonly wasm: string
  readonly zkey: string
}

/**
 * Real proofs: witness and Groth16 proof in a child process (`proveChunk`), converted for the
 * snarkjs-generated verifier (`contractProof`).
 *
 * @example
 * ```ts
 * const system = groth16ProofSystem({ wasm: keys.wasm, zkey: keys.zkey })
 * const proof = await system.prove({ chunk, wasm: system.wasm, zkey: system.zkey })
 * ```
 */
export function groth16ProofSystem(params: { wasm: string; zkey: string }): ProofSystem {
  return {
    kind: 'groth16',
    wasm: params.wasm,
    zkey: params.zkey,
    prove: (p) => proveChunk(p),
    encode: ({ proof }) => contractProof(proof.proof),
  }
}

/**
 * INSECURE, tests and mock-verifier devnets only: "proves" instantly with the fake proof
 * `InsecureMockChunkVerifier` accepts for the chunk's public inputs.
 *
 * @example
 * ```ts
 * const system = insecureMockProofSystem()
 * ```
 */
export function insecureMockProofSystem(): ProofSystem {
  return {
    kind: 'insecure-mock',
    wasm: '',
    zkey: '',
    prove: async ({ chunk }) => ({ proof: { pi_a: [], pi_b: [], pi_c: [], protocol: 'insecure-mock', curve: 'none' }, publicSignals: [...chunk.publicInputs], proveMs: 0 }),
    encode: ({ chunk }) => insecureMockProof(chunk.publicInputs),
  }
}
