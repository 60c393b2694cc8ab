import { BLOB_BYTES, BLOB_BYTES_PER_ELEMENT, BLOB_ELEMENTS } from '../constants.ts'
import { DecodeError } from '../errors.ts'

/**
 * Packs bytes into blob field elements, 31 bytes each, big-endian, the last one
 * zero-padded on the right. Every element is below 2^248, so below both the BLS12-381
 * and the BN254 scalar moduli.
 *
 * @example
 * ```ts
 * bytesToElements(new Uint8Array(40)).length // 2
 * ```
 */
export function bytesToElements(bytes: Uint8Array): bigint[] {
  const out: bigint[] = []
  for (let off = 0; off < bytes.length; off += BLOB_BYTES_PER_ELEMENT) {
    let v = 0n
    for (let i = 0; i < BLOB_BYTES_PER_ELEMENT; i++) v = (v << 8n) | BigInt(bytes[off + i] ?? 0)
    out.push(v)
  }
  return out
}

/**
 * Inverse of {@link bytesToElements}: 31 bytes per element; throws {@link DecodeError} for an
 * element at or above 2^248 (its top byte must be zero).
 *
 * @example
 * ```ts
 * elementsToBytes(bytesToElements(data)).subarray(0, data.length) // data
 * ```
 */
export function elementsToBytes(elements: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(elements.length * BLOB_BYTES_PER_ELEMENT)
  elements.forEach((e, k) => {
    if (e < 0n || e >> 248n !== 0n) throw new DecodeError(`field element ${k} has a non-zero top byte`)
    let v = e
    for (let i = BLOB_BYTES_PER_ELEMENT - 1; i >= 0; i--) {
      out[k * BLOB_BYTES_PER_ELEMENT + i] = Number(v & 0xffn)
      v >>= 8n
    }
  })
  return out
}

/**
 * Lays field elements out as an EIP-4844 blob: 4096 big-endian 32-byte words, unused
 * words zero. Throws when there are more than 4096 elements.
 *
 * @example
 * ```ts
 * elementsToBlob([1n]).length // 131072
 * ```
 */
export function elementsToBlob(elements: readonly bigint[]): Uint8Array {
  if (elements.length > BLOB_ELEMENTS) throw new DecodeError(`${elements.length} field elements do not fit in one blob of ${BLOB_ELEMENTS}`)
  const blob = new Uint8Array(BLOB_BYTES)
  elements.forEach((e, k) => {
    let v = e
    for (let i = 31; i >= 0; i--) {
      blob[k * 32 + i] = Number(v & 0xffn)
      v >>= 8n
    }
  })
  return blob
}

/**
 * The first `count` field elements of a blob; throws {@link DecodeError} on a blob of the
 * wrong size or an element with a non-zero top byte (not written by this codec).
 *
 * @example
 * ```ts
 * blobToElements(elementsToBlob([7n]), 1) // [7n]
 * ```
 */
export function blobToElements(blob: Uint8Array, count: number = BLOB_ELEMENTS): bigint[] {
  if (blob.length !== BLOB_BYTES) throw new DecodeError(`blob has ${blob.length} bytes, expected ${BLOB_BYTES}`)
  if (count > BLOB_ELEMENTS) throw new DecodeError(`cannot read ${count} elements from a blob of ${BLOB_ELEMENTS}`)
  const out: bigint[] = []
  for (let k = 0; k < count; k++) {
    if (blob[k * 32] !== 0) throw new DecodeError(`blob field element ${k} has a non-zero top byte`)
    let v = 0n
    for (let i = 0; i < 32; i++) v = (v << 8n) | BigInt(blob[k * 32 + i]!)
    out.push(v)
  }
  return out
}
