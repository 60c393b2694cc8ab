import type { Chunk } from '../../protocol/index.ts'

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
}

/**
 * The claim of one chunk built by `protocol`'s `buildChunk`, which consumed `chunk.queueCount`
 * entries from absolute queue position `queueStart`.
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

/**
 * The eight public inputs the rollup derives for a chunk, as the fixed-size tuple `prove`
 * takes (they equal `chunk.publicInputs` when the chunk was built on the committed head).
 *
 * @example
 * ```ts
 * await walletClient.writeContract({ address, abi, functionName: 'prove', args: [batch, 0n, publicInputsTuple(chunk.publicInputs), proof] })
 * ```
 */
export function publicInputsTuple(inputs: readonly bigint[]): readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint] {
  if (inputs.length !== 8) throw new RangeError(`a chunk proof has 8 public inputs, got ${inputs.length}`)
  return inputs as unknown as readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]
}
