import { blobToElements, bytesToElements, decodeBatchElements, DecodeError, type ChunkData, type ChunkParams } from '../../../protocol/index.ts'
import { BadBatchError } from '../errors.ts'

/** A batch's data as L1 carried it: the blob, or the bytes of a calldata commitment. */
export type BatchData = { kind: 'blob'; blob: Uint8Array } | { kind: 'calldata'; bytes: Uint8Array }

/** A decoded batch: its chunks and the field elements they were read from (header first). */
export interface DecodedBatch {
  chunks: ChunkData[]
  elements: bigint[]
}

/**
 * Decodes a batch's data with protocol's codec. Anything the encoder could not have written
 * (garbage, a truncated blob, a wrong header) becomes a {@link BadBatchError} with reason
 * `DECODE_ERROR`, naming the batch and, when protocol names it, the chunk.
 *
 * @example
 * ```ts
 * const { chunks, elements } = decodeBatchData({ params, batch: 3n, data: { kind: 'blob', blob } })
 * ```
 */
export function decodeBatchData(params: { params: ChunkParams; batch: bigint; data: BatchData }): DecodedBatch {
  try {
    const elements = params.data.kind === 'blob' ? blobToElements(params.data.blob) : bytesToElements(params.data.bytes)
    return { chunks: decodeBatchElements({ params: params.params, elements }), elements }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e
    const chunk = /^chunk (\d+):/.exec(e.message)
    return badData(params.batch, e, chunk ? Number(chunk[1]) : undefined)
  }
}

function badData(batch: bigint, e: DecodeError, chunk: number | undefined): never {
  throw new BadBatchError({ batch, ...(chunk === undefined ? {} : { chunk }), reason: 'DECODE_ERROR', message: e.message, cause: e })
}
