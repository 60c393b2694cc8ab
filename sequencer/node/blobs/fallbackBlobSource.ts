import type { Kzg } from 'viem'
import { BlobSourceError } from '../errors.ts'
import type { BlobSource } from './blobSource.ts'
import { blobVersionedHash } from './versionedHash.ts'

/**
 * Asks `sources` in order and returns the first blob found. With `kzg`, a blob is accepted
 * only if its KZG commitment hashes to the versioned hash asked for (a source that serves
 * another blob is treated as failing and the next one is asked). Resolves to `undefined` when
 * every source answered that it does not have the blob; rejects with the last failure when
 * none had it and at least one failed (so the caller can tell "nobody has it" from "could not
 * ask").
 *
 * @example
 * ```ts
 * const blobs = fallbackBlobSource({ sources: [archiveBlobSource({ dir }), beaconBlobSource({ url })], kzg: loadKzg() })
 * ```
 */
export function fallbackBlobSource(params: { sources: readonly BlobSource[]; kzg?: Pick<Kzg, 'blobToKzgCommitment'>; onError?: (source: string, error: unknown) => void }): BlobSource {
  return {
    name: params.sources.map((s) => s.name).join(' > '),
    async getBlob(query) {
      let failure: unknown
      for (const source of params.sources) {
        try {
          const blob = await source.getBlob(query)
          if (!blob) continue
          if (params.kzg) {
            let got: string
            try {
              got = blobVersionedHash({ blob, kzg: params.kzg })
            } catch (e) {
              throw new BlobSourceError({ source: source.name, message: `served ${blob.length} bytes that are not a blob`, cause: e })
            }
            if (got.toLowerCase() !== query.versionedHash.toLowerCase()) {
              throw new BlobSourceError({ source: source.name, message: `served a blob of versioned hash ${got}, not ${query.versionedHash}` })
            }
          }
          return blob
        } catch (e) {
          failure = e
          params.onError?.(source.name, e)
        }
      }
      if (failure !== undefined) throw failure
      return undefined
    },
  }
}
