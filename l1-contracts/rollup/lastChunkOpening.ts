import type { Chunk } from '../../protocol/index.ts'

/**
 * What `PreconfirmationSlasher.slashMissed` takes about the last committed chunk, after the
 * preconfirmation: the preimage `(firstSeq, txCount, root)` of its `txListCommitment` and its
 * eleven public inputs (`chunkInputs`, as `ChunkCommitted` emitted them), which the rollup's
 * per-chunk value binds whether the chunk is proven or not.
 *
 * @example
 * ```ts
 * const o = lastChunkOpening({ chunk })
 * await walletClient.writeContract({ address: slasher, abi: preconfirmationSlasherAbi, functionName: 'slashMissed', args: [pre, o.firstSeq, o.txCount, o.root, o.chunkInputs] })
 * ```
 */
export function lastChunkOpening(params: { chunk: Pick<Chunk, 'firstSeq' | 'txCount' | 'txListRoot' | 'publicInputs'> }): {
  firstSeq: bigint
  txCount: bigint
  root: bigint
  chunkInputs: readonly bigint[]
} {
  const { chunk } = params
  return { firstSeq: chunk.firstSeq, txCount: BigInt(chunk.txCount), root: chunk.txListRoot, chunkInputs: [...chunk.publicInputs] }
}
