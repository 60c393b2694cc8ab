import { decodeFunctionData, getAddress, hexToBytes, keccak256, type Address, type Hex } from 'viem'
import { getBlock, getTransaction } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import { blobToElements, bytesToElements, decodeBatchElements, type ChunkData, type ChunkParams } from '../../../../protocol/index.ts'
import type { L1Client } from '../../client/types.ts'
import { NotFoundError } from '../../errors/NotFoundError.ts'
import type { BlobGetter } from './BatchDataSource.ts'

/**
 * The decoded chunks of a committed batch, from its commitment event: calldata batches from the
 * committing transaction (checked against the recorded keccak), blob batches through `blobs`.
 * Throws `NotFoundError` (`BATCH_DATA_UNAVAILABLE`) when the data cannot be had.
 *
 * @example
 * ```ts
 * const chunks = await readBatchChunks(publicClient, { rollup, params, event: { transactionHash, blockNumber, calldataDA, dataHash, batch } })
 * ```
 */
export async function readBatchChunks(
  l1: L1Client,
  params: {
    rollup: Address
    params: ChunkParams
    event: { batch: bigint; transactionHash: Hex; blockNumber: bigint; calldataDA: boolean; dataHash: Hex }
    blobs?: BlobGetter
  },
): Promise<ChunkData[]> {
  const { event } = params
  const unavailable = (why: string) => new NotFoundError({ code: 'BATCH_DATA_UNAVAILABLE', message: `the data of batch ${event.batch} is not available: ${why}` })
  let elements: bigint[]
  if (event.calldataDA) {
    const tx = await getTransaction(l1, { hash: event.transactionHash })
    let data: Hex | undefined
    try {
      const call = decodeFunctionData({ abi: counterweightRollupAbi, data: tx.input })
      if (tx.to && getAddress(tx.to) === getAddress(params.rollup) && (call.functionName === 'commitBatchCalldata' || call.functionName === 'commitAndProveCalldata')) data = (call.args as readonly unknown[])[0] as Hex
    } catch {
      // not a direct call of the rollup
    }
    if (!data || keccak256(data) !== event.dataHash.toLowerCase()) throw unavailable(`transaction ${event.transactionHash} is not a direct commit call carrying it`)
    elements = bytesToElements(hexToBytes(data))
  } else {
    if (!params.blobs) throw unavailable('it is a blob batch and no blob source (`blobs`) was given')
    const block = await getBlock(l1, { blockNumber: event.blockNumber })
    const blob = await params.blobs.getBlob({ versionedHash: event.dataHash, blockNumber: event.blockNumber, blockTimestamp: block.timestamp })
    if (!blob) throw unavailable(`no blob source has blob ${event.dataHash}`)
    elements = blobToElements(blob)
  }
  return decodeBatchElements({ params: params.params, elements })
}
