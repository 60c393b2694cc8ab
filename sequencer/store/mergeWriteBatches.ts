import type { WriteBatch } from './rows.ts'

/**
 * One {@link WriteBatch} holding `batches` in order, for one SQLite transaction: the writer
 * thread merges the commits that queued while it was busy, so that they share one fsync and
 * their transactions form one signed group (each batch stays all or nothing, inside a larger
 * all or nothing).
 *
 * @example
 * ```ts
 * const merged = mergeWriteBatches([a, b]) // a's rows, then b's
 * ```
 */
export function mergeWriteBatches(batches: readonly WriteBatch[]): WriteBatch {
  if (batches.length === 1) return batches[0]!
  const merged: WriteBatch = { txs: [], signatures: [], queue: [], blocks: [], batches: [] }
  for (const b of batches) {
    merged.txs.push(...b.txs)
    merged.signatures.push(...b.signatures)
    merged.queue.push(...b.queue)
    merged.blocks.push(...b.blocks)
    merged.batches!.push(...(b.batches ?? []))
  }
  return merged
}
