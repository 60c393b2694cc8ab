/**
 * Proving chunks: witness and Groth16 proof in a worker thread, off-chain verification,
 * calldata for the generated verifier, and the prover service loop.
 *
 * @example
 * ```ts
 * import { proveChunk, verifyChunkProof, verifierCalldata } from '../prover/index.ts'
 * const { proof, publicSignals } = await proveChunk({ chunk, wasm, zkey })
 * ```
 */
export { proveChunk, type ChunkProof } from './proveChunk.ts'
export { verifyChunkProof } from './verifyChunkProof.ts'
export { verifierCalldata, type Groth16Proof, type VerifierCalldata } from './proof.ts'
export { startProverService, type ProofJob, type ProofJobSource, type ProofSink, type ProverService, type ServiceLogger } from './proverService.ts'
export { ProverError } from './errors.ts'
