import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { getDepositRefund } from '../../read/getDepositRefund.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { depositRefundJson } from '../format/proofJson.ts'

/**
 * `rollup_getDepositRefund` on the node: `escapeRefundDeposit`'s arguments for a deposit no
 * finalized batch consumed (`[queuePosition]`); -32001 when the position holds no such deposit.
 *
 * @example
 * ```ts
 * const { args } = await client.request({ method: 'rollup_getDepositRefund', params: ['0xc'] })
 * ```
 */
export const nodeRollupGetDepositRefund: RpcMethod<NodeRpcContext> = {
  name: 'rollup_getDepositRefund',
  summary: 'escapeRefundDeposit arguments for a deposit no finalized batch consumed: [queuePosition] → { args }.',
  params: ['position'],
  required: 1,
  handler: (c, p) => depositRefundJson(getDepositRefund(c.node, { position: p.quantity(0, 64) })),
}
