import type { RollupNode } from '../rollupNode.ts'
import type { StoredBatch, StoredChunk } from '../store/nodeStore.ts'

/** A committed batch as the node sees it, with its chunks. */
export interface BatchView extends StoredBatch {
  chunks: StoredChunk[]
}

/**
 * A committed batch (status, L1 location, data hash, claims per chunk, and once applied the
 * queue range, transaction count and which roots the node checked itself), or undefined.
 *
 * @example
 * ```ts
 * const b = getBatch(node, { batch: 4n })
 * b?.status // 'applied'
 * ```
 */
export function getBatch(node: RollupNode, params: { batch: bigint }): BatchView | undefined {
  const b = node.context.store.batch(params.batch)
  return b ? { ...b, chunks: node.context.store.chunks(params.batch) } : undefined
}
