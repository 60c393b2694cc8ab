import { BITS } from '../../../../protocol/index.ts'
import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { getEscapeProof } from '../../read/getEscapeProof.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { escapeProofJson } from '../format/proofJson.ts'

/**
 * `rollup_getEscapeProof` on the node: `escapeWithdraw`'s arguments for an account of the
 * finalized state (the one escape mode freezes), from public L1 data only; -32001 for an
 * empty index.
 *
 * @example
 * ```ts
 * const { args } = await client.request({ method: 'rollup_getEscapeProof', params: ['0x7'] })
 * ```
 */
export const nodeRollupGetEscapeProof: RpcMethod<NodeRpcContext> = {
  name: 'rollup_getEscapeProof',
  summary: 'escapeWithdraw arguments for an account of the finalized state: [index] → { batch, stateRoot, args }.',
  params: ['index'],
  required: 1,
  handler: (c, p) => escapeProofJson(getEscapeProof(c.node, { index: p.quantity(0, BITS.INDEX) })),
}
