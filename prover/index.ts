/**
 * Proving chunks: witness and Groth16 proof in a child process, off-chain verification,
 * calldata for the generated verifier, the prover service loop; its L1 side (jobs read from L1
 * alone, proofs submitted to the rollup, batches finalized), the prover process, and the
 * take-over of issue 6 (commit and prove a batch consuming overdue queue entries).
 *
 * @example
 * ```ts
 * import { startProverProcess, proverConfigFromEnv, runTakeOver } from '../prover/index.ts'
 * const prover = await startProverProcess({ config: proverConfigFromEnv(process.env), logger })
 * ```
 */
export { proveChunk, type ChunkProof } from './proveChunk.ts'
export { verifyChunkProof } from './verifyChunkProof.ts'
export { verifierCalldata, type Groth16Proof, type VerifierCalldata } from './proof.ts'
export { startProverService, type ProofJob, type ProofJobSource, type ProofSink, type ProverService, type ServiceLogger } from './proverService.ts'
export { ProverError, ProverConfigError, ChunkMismatchError, TakeOverError, TxRevertedError, type ProverErrorCode, type ProverConfigIssue, type TakeOverRefusal } from './errors.ts'
export { groth16ProofSystem, insecureMockProofSystem, type ProofSystem } from './l1/proofSystem.ts'
export { rollupContract, revertName, type RollupContract, type RollupHeads, type RollupBatchInfo, type L1PublicClient, type L1WalletClient } from './l1/rollupContract.ts'
export { l1ProofJobSource, type L1ProofJobSource } from './l1/l1ProofJobSource.ts'
export { l1ProofSink, type L1ProofSink, type SubmitOutcome } from './l1/l1ProofSink.ts'
export { finalizeProvenBatches } from './l1/finalizeProvenBatches.ts'
export { rpcSignatureSource, type SignatureSource } from './l1/signatureSource.ts'
export { openChunkCursor, chunkAt, chunkInputsHash, type ChunkCursor } from './l1/chunkCursor.ts'
export { proverConfigFromEnv, PROVER_ENV, type ProverConfig, type ProverProofs } from './config/proverConfig.ts'
export { startProverProcess, connectProverL1, type ProverProcess, type ProverL1 } from './startProverProcess.ts'
export { takeOver, buildTakeOverChunks, type TakeOverProgress, type TakeOverResult } from './takeover/takeOver.ts'
export { runTakeOver } from './takeover/runTakeOver.ts'
export { proverMain } from './proverMain.ts'
