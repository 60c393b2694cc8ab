/** Blobs held in a map (TESTS AND BENCHMARKS ONLY). */
import type { BlobSource } from '../blobs/blobSource.ts'

/**
 * A {@link BlobSource} over a map from versioned hash (any case) to blob.
 *
 * @example
 * ```ts
 * const blobs = memoryBlobSource({ blobs: history.blobs })
 * ```
 */
export function memoryBlobSource(params: { blobs: Map<string, Uint8Array> }): BlobSource & { hits: number } {
  const source = {
    name: 'memory',
    hits: 0,
    async getBlob({ versionedHash }: { versionedHash: string }) {
      const b = params.blobs.get(versionedHash.toLowerCase())
      if (b) source.hits++
      return b
    },
  }
  return source
}
