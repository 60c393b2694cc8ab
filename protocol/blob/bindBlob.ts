import { chunkFirstElement } from '../da/batchData.ts'
import { chunkPublicInputs, type Chunk } from '../transition/buildChunk.ts'
import { blobChallenge, parseChallengeInput } from './blobChallenge.ts'
import { chunkShare } from './blobShare.ts'

/**
 * `chunk` as chunk `index` of a blob batch with challenge `z`: its binding (and so its public
 * inputs `blobChallenge`, `blobShareHi`, `blobShareLo`) computed over its own blob positions.
 *
 * @example
 * ```ts
 * const bound = bindChunkToBlob({ chunk, index: 1, z })
 * bound.publicInputs[8] === challengeInput({ z, index: 1 })
 * ```
 */
export function bindChunkToBlob(params: { chunk: Chunk; index: number; z: bigint }): Chunk {
  const { chunk, index, z } = params
  const share = chunkShare({ elements: chunk.dataElements, firstPosition: chunkFirstElement(chunk.params, index), z })
  const bound = { ...chunk, blob: { index, z, share } }
  return { ...bound, publicInputs: chunkPublicInputs(bound) }
}

/**
 * The chunks of one blob batch, in order, bound to the blob whose versioned hash is
 * `versionedHash`: the challenge is derived from it and the chunks' data commitments
 * (`blobChallenge`), and each chunk gets its index and share. The result is what the contract
 * derives at `commitBatch`; prove with these chunks.
 *
 * @example
 * ```ts
 * const bound = bindBatchToBlob({ chunks, versionedHash })
 * await proveChunk({ chunk: bound[0], wasm, zkey })
 * ```
 */
export function bindBatchToBlob(params: { chunks: readonly Chunk[]; versionedHash: Uint8Array }): Chunk[] {
  const z = blobChallenge({ versionedHash: params.versionedHash, dataCommitments: params.chunks.map((c) => c.dataCommitment) })
  return params.chunks.map((chunk, index) => bindChunkToBlob({ chunk, index, z }))
}

/**
 * `chunk` (as built or replayed: calldata binding) bound the way L1 bound it, from the
 * `blobChallenge` public input L1 emitted for it: unchanged for 0 (calldata batch), else
 * bound at that index and challenge, its share recomputed from its own data.
 *
 * @example
 * ```ts
 * const chunk = bindChunkAsCommitted({ chunk: replayChunk({ ... }), challengeInput: emitted[8] })
 * chunk.publicInputs // equals the emitted inputs when L1's share is the data's
 * ```
 */
export function bindChunkAsCommitted(params: { chunk: Chunk; challengeInput: bigint }): Chunk {
  if (params.challengeInput === 0n) return params.chunk
  const { z, index } = parseChallengeInput(params.challengeInput)
  return bindChunkToBlob({ chunk: params.chunk, index, z })
}
