import type { Address } from 'viem'
import { getContractEvents } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import { FIRST_SEQUENCE, RECORD_TYPE, chunkLayout, slotsOf, type DaTx } from '../../../../protocol/index.ts'
import type { L1Client } from '../../client/types.ts'
import type { BlobGetter } from './BatchDataSource.ts'
import { getChunkParams } from './getChunkParams.ts'
import { getRollupHeads } from './getRollupHeads.ts'
import { readBatchChunks } from './readBatchChunks.ts'

/** Where an L2 transaction landed on L1. */
export interface SequenceLocation {
  batch: bigint
  chunk: bigint
  /** First record slot of the transaction in its chunk. */
  slot: number
  /** The transaction as the DA carries it. */
  tx: DaTx
  /** Its exit position in the chunk's exit tree (`nQueue + slot`), for a withdrawal. */
  exitPosition: bigint | undefined
}

/**
 * Finds the committed batch and chunk holding L2 transaction `sequence`, from L1 alone: the
 * live `BatchCommitted` events in batch order, each batch's data decoded with protocol's codec
 * (calldata from the commit transaction, blobs through `blobs`), counting transactions chunk by
 * chunk from `firstSequence` (the sequence number of the first transaction ever included:
 * default 1, the sequencer's first). Undefined while no committed batch holds it.
 *
 * @example
 * ```ts
 * const where = await locateSequence(publicClient, { rollup, sequence: 42n, fromBlock: deployBlock })
 * where?.batch // 3n
 * ```
 */
export async function locateSequence(
  l1: L1Client,
  params: { rollup: Address; sequence: bigint; fromBlock?: bigint; blobs?: BlobGetter; firstSequence?: bigint },
): Promise<SequenceLocation | undefined> {
  const { rollup, sequence } = params
  const heads = await getRollupHeads(l1, { rollup })
  if (heads.committedBatches === 0n) return undefined
  const chunkParams = await getChunkParams(l1, { rollup })
  const layout = chunkLayout(chunkParams)
  const logs = await getContractEvents(l1, { address: rollup, abi: counterweightRollupAbi, eventName: 'BatchCommitted', fromBlock: params.fromBlock ?? 0n, toBlock: 'latest' })
  // A reverted batch number is committed again later: the last event of a number is the live one.
  const live = new Map<bigint, (typeof logs)[number]>()
  for (const log of logs) if (log.args.batch! <= heads.committedBatches) live.set(log.args.batch!, log)
  let next = params.firstSequence ?? FIRST_SEQUENCE
  for (let batch = 1n; batch <= heads.committedBatches; batch++) {
    const log = live.get(batch)
    if (!log) continue
    const chunks = await readBatchChunks(l1, {
      rollup,
      params: chunkParams,
      event: { batch, transactionHash: log.transactionHash, blockNumber: log.blockNumber, calldataDA: log.args.calldataDA!, dataHash: log.args.dataHash! },
      ...(params.blobs ? { blobs: params.blobs } : {}),
    })
    for (const [k, chunk] of chunks.entries()) {
      if (sequence < next + BigInt(chunk.txs.length)) {
        if (sequence < next) return undefined
        const i = Number(sequence - next)
        const slot = chunk.txs.slice(0, i).reduce((s, t) => s + slotsOf(t.type, layout), 0)
        const tx = chunk.txs[i]!
        return { batch, chunk: BigInt(k), slot, tx, exitPosition: tx.type === RECORD_TYPE.WITHDRAW ? BigInt(chunkParams.nQueue + slot) : undefined }
      }
      next += BigInt(chunk.txs.length)
    }
  }
  return undefined
}
