/**
 * The `circuits` module. Its parts arrive with their issues; see the README for the layout.
 * `ensureChunkKeys` gives the compiled chunk circuit with INSECURE development keys (tests,
 * benches, devnets; the prover process loads it on demand).
 *
 * @example
 * ```ts
 * const { ensureChunkKeys } = await import('../circuits/index.ts')
 * const keys = await ensureChunkKeys({ params: TEST_PARAMS })
 * ```
 */
export { ensureChunkKeys, type ChunkKeys } from './testing/ensureChunkKeys.ts'
