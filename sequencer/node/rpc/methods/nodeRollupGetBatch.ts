import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { getBatch } from '../../read/getBatch.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { batchJson } from '../format/batchJson.ts'

/**
 * `rollup_getBatch` on the node: a committed batch (status, L1 location, data hash, claims and
 * exits per chunk, queue range, transaction count, which checks ran), or null.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getBatch', params: ['0x3'] }) // { number: '0x3', status: 'applied', finalized: true, … }
 * ```
 */
export const nodeRollupGetBatch: RpcMethod<NodeRpcContext> = {
  name: 'rollup_getBatch',
  summary: 'A committed batch: status, L1 location, claims and exits per chunk, queue range, transaction count; null if unknown.',
  params: ['batch'],
  required: 1,
  handler: (c, p) => {
    const n = p.quantity(0, 64)
    const batch = getBatch(c.node, { batch: n })
    return batch ? batchJson({ batch, exits: (chunk) => c.node.context.store.exits(n, chunk) }) : null
  },
}
