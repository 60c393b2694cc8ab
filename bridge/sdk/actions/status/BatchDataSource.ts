import type { Hex } from 'viem'

/**
 * Where the SDK gets the blob of a blob batch (calldata batches are read from the committing
 * transaction). The node's blob sources (`rpcBlobSource`, `beaconBlobSource`,
 * `archiveBlobSource`, `fallbackBlobSource` in sequencer/node) fit as they are.
 */
export interface BlobGetter {
  getBlob(query: { versionedHash: Hex; blockNumber: bigint; blockTimestamp: bigint }): Promise<Uint8Array | undefined>
}
