import type { Hex } from 'viem'

/** Which blob to fetch: its versioned hash and the L1 block that carried it. */
export interface BlobQuery {
  /** `0x01 ‖ sha256(kzgCommitment)[1:]`, as `blobhash(0)` saw it. */
  versionedHash: Hex
  blockNumber: bigint
  /** Seconds; the beacon source turns it into a slot. */
  blockTimestamp: bigint
}

/**
 * Somewhere blobs can be read back from: an L1 JSON-RPC endpoint that keeps them (anvil), a
 * beacon node, a local archive folder, or several of these in turn. `getBlob` resolves to the
 * 131,072 bytes of the blob, to `undefined` when the source answers that it does not have it,
 * and rejects when the source could not answer (after its own retries).
 *
 * @example
 * ```ts
 * const blobs: BlobSource = fallbackBlobSource({ sources: [archiveBlobSource({ dir }), beaconBlobSource({ url })] })
 * const blob = await blobs.getBlob({ versionedHash, blockNumber, blockTimestamp })
 * ```
 */
export interface BlobSource {
  /** For logs and reports. */
  readonly name: string
  getBlob(query: BlobQuery): Promise<Uint8Array | undefined>
}
