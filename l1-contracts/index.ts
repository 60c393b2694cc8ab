/**
 * The `l1-contracts` module: the Counterweight rollup contracts (Solidity in `src/`), their
 * solc-js build, typed ABIs, deployment against any JSON-RPC endpoint, and the helpers that
 * turn `protocol/` objects into contract arguments. See docs/contracts.md.
 *
 * @example
 * ```ts
 * import { deployRollup, counterweightRollupAbi, chunkClaims, contractProof, sendBlobTransaction } from '../l1-contracts/index.ts'
 * const d = await deployRollup({ walletClient, publicClient, params: TEST_PARAMS, verifier: { kind: 'generated', solPath } })
 * ```
 */
export { compileContracts, type CompileParams, type CompileResult, type EvmVersion } from './build/compile.ts'
export { loadArtifact, listArtifacts, type ContractArtifact } from './build/artifact.ts'
export { L1ContractsError, CompileError } from './build/errors.ts'
export { L1_PATHS } from './build/paths.ts'
export { storageLayouts, type StorageEntry } from './build/storageLayouts.ts'
export { counterweightRollupAbi, iChunkVerifierAbi, insecureMockChunkVerifierAbi, preconfirmationSlasherAbi, testTokenAbi } from './abi/abis.ts'
export { deployRollup, deployArtifact, type RollupDeployment, type VerifierChoice, type PoseidonHashers } from './deploy/deployRollup.ts'
export { compileVerifier } from './deploy/compileVerifier.ts'
export { ROLLUP_SETTINGS, type RollupSettings } from './deploy/config.ts'
export { chunkClaim, chunkClaims, publicInputsTuple, type ChunkClaim, type PublicInputsTuple } from './rollup/claims.ts'
export { contractProof, type ContractProof, type SnarkjsProof } from './rollup/proof.ts'
export { insecureMockProof } from './rollup/mockProof.ts'
export { calldataBatchData, batchBlob } from './rollup/data.ts'
export { txListOpening, type TxListOpening, type TxListSource } from './rollup/txListOpening.ts'
export { lastChunkOpening } from './rollup/lastChunkOpening.ts'
export { loadKzg, loadCKzg, sendBlobTransaction, simulateWithBlob, type CKzg } from './rollup/blobTx.ts'
export { blobBatch, balanceBlobClaims, openBlob, type BlobBatch, type BlobOpening } from './rollup/blobOpening.ts'
export { exitClaimArgs, escapeWithdrawArgs } from './rollup/exits.ts'
export { queueEntryFromEvent, type QueueEntryAddedArgs } from './rollup/events.ts'
export { l1Chain } from './client/l1Chain.ts'
