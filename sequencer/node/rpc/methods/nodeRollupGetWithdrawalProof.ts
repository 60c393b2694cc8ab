import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { getExitProof } from '../../read/getExitProof.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { withdrawalProofJson } from '../format/proofJson.ts'

/**
 * `rollup_getWithdrawalProof` on the node: `[batch, chunk, position]` of an exit of a
 * finalized batch (positions are in `rollup_getBatch`'s `exits`) → `{ exit, args }`, `args`
 * being `claimExit`'s arguments, checked against the chunk's exit root. -32001 where there is no
 * such exit, -32002 `NOT_FINALIZED` before finalization.
 *
 * @example
 * ```ts
 * const { args } = await client.request({ method: 'rollup_getWithdrawalProof', params: ['0x3', '0x0', '0x5'] })
 * ```
 */
export const nodeRollupGetWithdrawalProof: RpcMethod<NodeRpcContext> = {
  name: 'rollup_getWithdrawalProof',
  summary: "claimExit arguments for an exit of a finalized batch: [batch, chunk, position] → { exit, args }.",
  params: ['batch', 'chunk', 'position'],
  required: 3,
  handler: (c, p) => withdrawalProofJson(getExitProof(c.node, { batch: p.quantity(0, 64), chunk: Number(p.quantity(1, 16)), position: Number(p.quantity(2, 16)) })),
}
