/**
 * The `circuits` module: the chunk transition in circom (`src/`), its sources generated from
 * `protocol/`, the build (compile, INSECURE development setup, production setup from a
 * `.ptau`, verifier export, manifest of artifact hashes). See docs/circuits.md.
 *
 * @example
 * ```ts
 * import { ensureChunkKeys } from '../circuits/index.ts'
 * const { wasm, zkey, verifier } = await ensureChunkKeys({ params: TEST_PARAMS })
 * ```
 */
export { buildChunkCircuit, PARAMS_BY_NAME } from './buildChunkCircuit.ts'
export { ensureChunkKeys, type ChunkKeys } from './testing/ensureChunkKeys.ts'
export { circuitName } from './generate/chunkCircuitSources.ts'
