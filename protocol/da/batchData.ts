import { BLOB_ELEMENTS, DA_VERSION } from '../constants.ts'
import { DecodeError, OutOfRangeError } from '../errors.ts'
import { chunkLayout, type ChunkParams } from '../params.ts'
import { blobToElements, elementsToBlob } from './blob.ts'
import { chunkElements, decodeChunkElements, type ChunkData } from './chunkData.ts'

/** Bits of the batch header element, most significant first. */
const HEADER = { version: 8, depth: 8, nTx: 16, nQueue: 16, nFee: 8, chunkCount: 16 } as const

/**
 * Field elements of a batch: one header element (`version | depth | nTx | nQueue | nFee |
 * chunkCount`, from the top of its 248 bits), then each chunk's fixed-size region. Chunk
 * `k` starts at element `1 + k * chunkElements`, which is what lets each chunk proof cover
 * its own blob positions.
 *
 * @example
 * ```ts
 * encodeBatchElements({ params, chunks }).length === 1 + chunks.length * chunkLayout(params).chunkElements
 * ```
 */
export function encodeBatchElements(params: { params: ChunkParams; chunks: readonly ChunkData[] }): bigint[] {
  const p = params.params
  const layout = chunkLayout(p)
  const count = params.chunks.length
  const capacity = maxChunksPerBlob(p)
  if (count < 1 || count > capacity) throw new OutOfRangeError({ what: 'chunks in a batch', value: count, limit: `from 1 to ${capacity}` })
  const out = [batchHeader(p, count)]
  for (const c of params.chunks) out.push(...chunkElements(c, p))
  if (out.length !== 1 + count * layout.chunkElements) throw new Error('chunk region size mismatch')
  return out
}

/**
 * Decodes batch elements; throws {@link DecodeError} for a wrong version, parameters other
 * than the deployment's, a chunk count that does not fit, or any chunk that does not decode
 * (the message names the chunk).
 *
 * @example
 * ```ts
 * decodeBatchElements({ params, elements: encodeBatchElements({ params, chunks }) }) // chunks
 * ```
 */
export function decodeBatchElements(params: { params: ChunkParams; elements: readonly bigint[] }): ChunkData[] {
  const p = params.params
  const layout = chunkLayout(p)
  const header = params.elements[0]
  if (header === undefined) throw new DecodeError('batch data is empty')
  const fields = readHeader(header)
  if (fields.version !== DA_VERSION) throw new DecodeError(`batch version ${fields.version}, expected ${DA_VERSION}`)
  for (const k of ['depth', 'nTx', 'nQueue', 'nFee'] as const) {
    if (fields[k] !== p[k]) throw new DecodeError(`batch header says ${k} = ${fields[k]}, the deployment has ${p[k]}`)
  }
  const need = 1 + fields.chunkCount * layout.chunkElements
  if (fields.chunkCount < 1 || need > BLOB_ELEMENTS) throw new DecodeError(`batch header chunk count ${fields.chunkCount} does not fit a blob`)
  if (params.elements.length < need) throw new DecodeError(`batch is truncated: ${params.elements.length} elements, header needs ${need}`)
  const chunks: ChunkData[] = []
  for (let k = 0; k < fields.chunkCount; k++) {
    const start = chunkFirstElement(p, k)
    try {
      chunks.push(decodeChunkElements(params.elements.slice(start, start + layout.chunkElements), p))
    } catch (e) {
      throw new DecodeError(`chunk ${k}: ${(e as Error).message}`)
    }
  }
  return chunks
}

/**
 * A batch as one EIP-4844 blob (131,072 bytes).
 *
 * @example
 * ```ts
 * decodeBatchBlob({ params, blob: encodeBatchBlob({ params, chunks }) }) // chunks
 * ```
 */
export function encodeBatchBlob(params: { params: ChunkParams; chunks: readonly ChunkData[] }): Uint8Array {
  return elementsToBlob(encodeBatchElements(params))
}

/**
 * Decodes a batch from its blob; see {@link decodeBatchElements} for the errors.
 *
 * @example
 * ```ts
 * const chunks = decodeBatchBlob({ params, blob })
 * ```
 */
export function decodeBatchBlob(params: { params: ChunkParams; blob: Uint8Array }): ChunkData[] {
  return decodeBatchElements({ params: params.params, elements: blobToElements(params.blob) })
}

/**
 * The blob position of chunk `index`'s first field element: `1 + index * chunkElements` (the
 * header is element 0). Chunk `index` occupies `chunkElements` positions from there.
 *
 * @example
 * ```ts
 * chunkFirstElement(params, 0) // 1
 * ```
 */
export function chunkFirstElement(params: ChunkParams, index: number): number {
  return 1 + index * chunkLayout(params).chunkElements
}

/**
 * How many chunks of these parameters one blob holds.
 *
 * @example
 * ```ts
 * maxChunksPerBlob(PRODUCTION_PARAMS)
 * ```
 */
export function maxChunksPerBlob(params: ChunkParams): number {
  return Math.floor((BLOB_ELEMENTS - 1) / chunkLayout(params).chunkElements)
}

/**
 * The batch header element (blob position 0) of a batch of `chunkCount` chunks: `version |
 * depth | nTx | nQueue | nFee | chunkCount` from the top of its 248 bits. The contract builds
 * the same (`CalldataDA.header`).
 *
 * @example
 * ```ts
 * batchHeader(params, 2) === encodeBatchElements({ params, chunks: [a, b] })[0]
 * ```
 */
export function batchHeader(p: ChunkParams, chunkCount: number): bigint {
  const values = { version: DA_VERSION, depth: p.depth, nTx: p.nTx, nQueue: p.nQueue, nFee: p.nFee, chunkCount }
  let v = 0n
  let used = 0
  for (const [k, bits] of Object.entries(HEADER)) {
    v = (v << BigInt(bits)) | BigInt(values[k as keyof typeof values])
    used += bits
  }
  return v << BigInt(248 - used)
}

function readHeader(e: bigint): Record<keyof typeof HEADER, number> {
  const out = {} as Record<keyof typeof HEADER, number>
  let shift = 248
  for (const [k, bits] of Object.entries(HEADER)) {
    shift -= bits
    out[k as keyof typeof HEADER] = Number((e >> BigInt(shift)) & ((1n << BigInt(bits)) - 1n))
  }
  if (e >> 248n !== 0n || (e & ((1n << BigInt(shift)) - 1n)) !== 0n) throw new DecodeError('batch header element has stray bits')
  return out
}
