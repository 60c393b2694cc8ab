/**
 * Counterweight's rules as code, with no I/O: the one place every other module (circuits,
 * contracts, sequencer, node, SDK) takes its constants, hashes, encodings and transition
 * from. See `docs/protocol.md`.
 *
 * @example
 * ```ts
 * import { RollupState, buildChunk, TEST_PARAMS, domainHash } from '../protocol/index.ts'
 * ```
 */
export * from './constants.ts'
export * from './errors.ts'
export * from './params.ts'
export * from './field/field.ts'
export { poseidon, poseidon2 } from './hash.ts'
export { poseidonReference, poseidonParams } from './poseidon/poseidonReference.ts'
export { generatePoseidonParams, type PoseidonParams } from './poseidon/grain.ts'
export * from './eddsa/babyjub.ts'
export * from './eddsa/eddsa.ts'
export * from './keys/deriveL2Key.ts'
export * from './state/account.ts'
export * from './state/merkleTree.ts'
export * from './state/overlayMap.ts'
export * from './state/rollupState.ts'
export * from './tx/domain.ts'
export * from './tx/l2Tx.ts'
export * from './queue/queueEntry.ts'
export * from './da/float.ts'
export * from './da/bits.ts'
export * from './da/blob.ts'
export * from './da/chunkData.ts'
export * from './da/batchData.ts'
export * from './transition/outcomes.ts'
export * from './transition/access.ts'
export * from './transition/applyQueueEntry.ts'
export * from './transition/applyDaTx.ts'
export * from './transition/resolveL2Tx.ts'
export * from './transition/buildChunk.ts'
export * from './transition/chunkCircuitInputs.ts'
export * from './blob/blsScalar.ts'
export * from './blob/blobChallenge.ts'
export * from './blob/blobShare.ts'
export * from './blob/shareWitness.ts'
export * from './blob/bindBlob.ts'
