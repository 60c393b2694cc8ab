import { PUBLIC_INPUT_NAMES, type Chunk } from '../../protocol/index.ts'

/**
 * A chunk's claim as `commitBatch` takes it (the Solidity `ChunkClaim`).
 *
 * @example
 * ```ts
 * const claim: ChunkClaim = chunkClaim({ chunk, queueStart: 0n })
 * ```
 */
export interface ChunkClaim {
  newStateRoot: bigint
  /** Absolute queue position after the chunk. */
  queueEnd: bigint
  exitRoot: bigint
  txListCommitment: bigint
  dataCommitment: bigint
  /** The chunk's share of the blob's value at the challenge (`chunk.blob.share`). */
  blobShare: bigint
}

/**
 * The claim of one chunk built by `protocol`'s `buildChunk`, which consumed `chunk.queueCount`
 * entries from absolute queue position `queueStart`. Its `blobShare` is `chunk.blob.share`:
 * for a blob commit, pass the chunks bound to the blob (`blobBatch(...).chunks`); chunks as
 * built carry the calldata share.
 *
 * @example
 * ```ts
 * chunkClaim({ chunk, queueStart: 3n }).queueEnd // 3n + BigInt(chunk.queueCount)
 * ```
 */
export function chunkClaim(params: { chunk: Chunk; queueStart: bigint }): ChunkClaim {
  const { chunk, queueStart } = params
  return {
    newStateRoot: chunk.newStateRoot,
    queueEnd: queueStart + BigInt(chunk.queueCount),
    exitRoot: chunk.exitRoot,
    txListCommitment: chunk.txListCommitment,
    dataCommitment: chunk.dataCommitment,
    blobShare: chunk.blob.share,
  }
}

/**
 * The claims of consecutive chunks of one batch, the first consuming from `queueStart` (the
 * committed queue position, `heads().committedQueue`).
 *
 * @example
 * ```ts
 * const claims = chunkClaims({ chunks, queueStart: committedQueue })
 * ```
 */
export function chunkClaims(params: { chunks: readonly Chunk[]; queueStart: bigint }): ChunkClaim[] {
  let pos = params.queueStart
  return params.chunks.map((chunk) => {
    const c = chunkClaim({ chunk, queueStart: pos })
    pos = c.queueEnd
    return c
  })
}

/** The fixed-size tuple of a chunk proof's eleven public inputs. */
export type PublicInputsTuple = readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]

/**
 * The eleven public inputs the rollup derives for a chunk, as the fixed-size tuple `prove`
 * takes (they equal `chunk.publicInputs` when the chunk was built on the committed head and,
 * for a blob batch, bound to the blob).
 *
 * @example
 * ```ts
 * await walletClient.writeContract({ address, abi, functionName: 'prove', args: [batch, 0n, publicInputsTuple(chunk.publicInputs), proof] })
 * ```
 */
export function publicInputsTuple(inputs: readonly bigint[]): PublicInputsTuple {
  if (inputs.length !== PUBLIC_INPUT_NAMES.length) throw new RangeError(`a chunk proof has ${PUBLIC_INPUT_NAMES.length} public inputs, got ${inputs.length}`)
  return inputs as unknown as PublicInputsTuple
}
