import { bytesToHex, type Hex } from 'viem'
import { elementsToBytes, encodeBatchBlob, encodeBatchElements, type ChunkData, type ChunkParams } from '../../protocol/index.ts'

/**
 * The bytes of `commitBatchCalldata` / `commitAndProveCalldata`: the batch's field elements
 * (header, then each chunk's region) as `protocol` encodes them for a blob, 31 bytes each,
 * concatenated. The contract recomputes every chunk's data commitment from them.
 *
 * @example
 * ```ts
 * const data = calldataBatchData({ params, chunks: chunks.map((c) => c.data) })
 * ```
 */
export function calldataBatchData(params: { params: ChunkParams; chunks: readonly ChunkData[] }): Hex {
  return bytesToHex(elementsToBytes(encodeBatchElements(params)))
}

/**
 * The blob of a batch (131,072 bytes), for `commitBatch` / `commitAndProve` sent with it.
 *
 * @example
 * ```ts
 * const blob = batchBlob({ params, chunks: chunks.map((c) => c.data) })
 * ```
 */
export function batchBlob(params: { params: ChunkParams; chunks: readonly ChunkData[] }): Uint8Array {
  return encodeBatchBlob(params)
}
