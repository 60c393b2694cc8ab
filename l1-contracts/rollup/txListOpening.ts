import { chunkLayout, denseProof, type Chunk } from '../../protocol/index.ts'

/**
 * A chunk's transaction list opened at one slot, in the shape `PreconfirmationSlasher`'s
 * `slashReordered` takes it (`TxListOpening`): the preimage of the chunk's
 * `txListCommitment = Poseidon(firstSeq, txCount, root)`, the Merkle proof (bottom-up,
 * `txListDepth` siblings) of the leaf `Poseidon(sequence, txHash)` at `slot`, and the chunk's
 * `exitRoot` (the rollup keeps `keccak256(exitRoot, txListCommitment)` per proven chunk).
 *
 * @example
 * ```ts
 * const o: TxListOpening = txListOpening({ chunk, batch: 1n, chunkIndex: 0n, sequence: 2n })
 * ```
 */
export interface TxListOpening {
  batch: bigint
  chunk: bigint
  firstSeq: bigint
  txCount: bigint
  root: bigint
  slot: bigint
  txHash: bigint
  siblings: bigint[]
  exitRoot: bigint
}

/**
 * What {@link txListOpening} reads of a chunk: a protocol `Chunk`, or what a node rebuilt from
 * L1 (each included transaction's sequence number, slot and hash, no DA record).
 */
export type TxListSource = Pick<Chunk, 'params' | 'firstSeq' | 'txCount' | 'txListRoot' | 'txListLeaves' | 'exitRoot'> & {
  txOutcomes: readonly ({ status: 'rejected' } | { status: 'included'; seq: bigint; slot: number; hash: bigint })[]
}

/**
 * The opening of chunk `chunk` (number `chunkIndex` of batch `batch`) at the transaction it
 * gave sequence number `sequence`. Throws when the chunk holds no transaction with that number.
 *
 * @example
 * ```ts
 * await walletClient.writeContract({ address: slasher, abi: preconfirmationSlasherAbi, functionName: 'slashReordered', args: [pre, txListOpening({ chunk, batch: 1n, chunkIndex: 0n, sequence: 2n })] })
 * ```
 */
export function txListOpening(params: { chunk: TxListSource; batch: bigint; chunkIndex: bigint; sequence: bigint }): TxListOpening {
  const { chunk, sequence } = params
  const included = chunk.txOutcomes.find((o) => o.status === 'included' && o.seq === sequence)
  if (!included || included.status !== 'included') throw new RangeError(`the chunk holds no transaction with sequence number ${sequence}`)
  return {
    batch: params.batch,
    chunk: params.chunkIndex,
    firstSeq: chunk.firstSeq,
    txCount: BigInt(chunk.txCount),
    root: chunk.txListRoot,
    slot: BigInt(included.slot),
    txHash: included.hash,
    siblings: denseProof(chunk.txListLeaves, included.slot, chunkLayout(chunk.params).txListDepth),
    exitRoot: chunk.exitRoot,
  }
}
