import type { ChunkParams } from '../../protocol/index.ts'
import type { LogItem } from './readLogItems.ts'

/** The log items of the next chunk, before it is built. */
export interface ChunkCut {
  queue: Extract<LogItem, { kind: 'queue' }>[]
  txs: Extract<LogItem, { kind: 'tx' }>[]
}

/**
 * Where the next chunk of the log ends: up to `nQueue` queue entries from the front, then, if
 * the front run of queue entries was taken whole, the transactions that follow up to the
 * next queue entry (at most `nTx`; `buildChunk` may take fewer when some need extension
 * records). A queue entry logged after a transaction therefore always goes to a later chunk
 * than it: a chunk applies its queue entries first, and a forced withdrawal moved before a
 * preconfirmed transfer could make that transfer fail.
 *
 * Returns undefined when the chunk is not complete yet (it could still take more items) and
 * `final` is false, or when there is nothing to cut.
 *
 * @example
 * ```ts
 * const cut = cutChunk({ items, params, final: false })
 * ```
 */
export function cutChunk(params: { items: readonly LogItem[]; params: ChunkParams; final: boolean }): ChunkCut | undefined {
  const { items } = params
  const { nQueue, nTx } = params.params
  const queue: ChunkCut['queue'] = []
  let i = 0
  while (i < items.length && items[i]!.kind === 'queue' && queue.length < nQueue) queue.push(items[i++] as ChunkCut['queue'][number])
  if (i < items.length && items[i]!.kind === 'queue') return { queue, txs: [] }
  const txs: ChunkCut['txs'] = []
  while (i < items.length && items[i]!.kind === 'tx' && txs.length < nTx) txs.push(items[i++] as ChunkCut['txs'][number])
  const complete = txs.length === nTx || i < items.length
  if (queue.length === 0 && txs.length === 0) return undefined
  if (!complete && !params.final) return undefined
  return { queue, txs }
}
