import { hexToBytes, keccak256 } from 'viem'
import type { BatchData } from '../replay/decodeBatchData.ts'
import type { StoredBatch } from '../store/nodeStore.ts'
import type { NodeContext } from '../nodeContext.ts'

/**
 * The data behind a batch commitment: for a blob batch the blob from the node's blob source
 * (which checks it against the versioned hash), for a calldata batch the bytes of the
 * committing call (checked against the keccak L1 recorded). Undefined when nobody has it;
 * throws when a source could not be asked.
 *
 * @example
 * ```ts
 * const data = await fetchBatchData(node.context, { batch })
 * ```
 */
export async function fetchBatchData(ctx: Pick<NodeContext, 'l1' | 'blobs'>, params: { batch: StoredBatch }): Promise<BatchData | undefined> {
  const b = params.batch
  if (b.calldataDA) {
    const hex = await ctx.l1.calldataBatch(b.txHash)
    if (!hex || keccak256(hex).toLowerCase() !== b.dataHash.toLowerCase()) return undefined
    return { kind: 'calldata', bytes: hexToBytes(hex) }
  }
  const blob = await ctx.blobs.getBlob({ versionedHash: b.dataHash, blockNumber: b.block, blockTimestamp: b.blockTime })
  return blob ? { kind: 'blob', blob } : undefined
}
