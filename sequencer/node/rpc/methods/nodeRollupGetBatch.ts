import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { getBatch } from '../../read/getBatch.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { batchJson } from '../format/batchJson.ts'

/**
 * `rollup_getBatch` on the node: a committed batch in the sequencer's `BatchJson` shape (status
 * `committed`/`finalized`, roots, queue range, chunks with their public inputs) plus what the
 * node knows (`nodeStatus`, `reason`, `checks`, the commitment's L1 block and data hash, each
 * chunk's exits), or null.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getBatch', params: ['0x3'] }) // { number: '0x3', status: 'finalized', nodeStatus: 'applied', … }
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
