import type { RpcMethod } from '../RpcMethod.ts'
import { batchToJson } from '../format/batchJson.ts'

/**
 * `rollup_getBatch`: a batch the batcher sealed, by number: status (sealed, committed, proven,
 * finalized), the L1 transaction, its chunks with their sequence and queue ranges and public
 * inputs, and its state root; null when there is no such batch.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getBatch', params: ['0x1'] }) // { number: '0x1', status: 'committed', chunks: [...] }
 * ```
 */
export const rollupGetBatch: RpcMethod = {
  name: 'rollup_getBatch',
  summary: 'A batch by number: status, L1 transaction, chunks with sequence and queue ranges, roots and public inputs; null if unknown.',
  params: ['number'],
  required: 1,
  handler: (s, p) => {
    const n = p.quantity(0, 40)
    const b = s.batches.get(Number(n))
    return b && b.status !== 'reverted' ? batchToJson(b) : null
  },
}
