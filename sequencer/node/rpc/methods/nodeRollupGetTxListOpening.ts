import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { toQuantity } from '../../../rpc/hex.ts'
import { txListOpeningToJson, type TxListOpeningResultJson } from '../../../rpc/format/txListOpeningJson.ts'
import { getTxListOpening } from '../../read/getTxListOpening.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'

/**
 * `rollup_getTxListOpening` on the node: for a sequence number, the opening of the applied
 * chunk's transaction list at that number (the `TxListOpening` `slashReordered` takes), or
 * null with the node's committed head when no applied batch holds it yet.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getTxListOpening', params: ['0x2a'] }) // { opening: { batch: '0x3', …, txHash: '0x…' }, finalized: true, matchesL1: true, head: { … } }
 * ```
 */
export const nodeRollupGetTxListOpening: RpcMethod<NodeRpcContext> = {
  name: 'rollup_getTxListOpening',
  summary: 'The opening of the applied chunk tx list at a sequence number (for the slasher), or null, with the committed head.',
  params: ['sequence'],
  required: 1,
  handler: (c, p): TxListOpeningResultJson => {
    const v = getTxListOpening(c.node, { sequence: p.quantity(0, 64) })
    const q = toQuantity
    const last = v.head.lastChunk
    return {
      opening: v.opening ? txListOpeningToJson(v.opening) : null,
      finalized: v.finalized,
      matchesL1: v.matchesL1,
      head: {
        lastChunk: last ? { batch: q(last.batch), chunk: q(last.chunk), firstSeq: q(last.firstSeq), txCount: q(last.txCount), root: q(last.root), publicInputs: last.publicInputs.map(q) } : null,
        nextSequence: q(v.head.nextSequence),
        appliedBatch: q(v.head.appliedBatch),
        finalizedBatch: q(v.head.finalizedBatch),
      },
    }
  },
}
