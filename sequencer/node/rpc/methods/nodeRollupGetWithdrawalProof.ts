import { RpcError } from '../../../errors/index.ts'
import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { toQuantity } from '../../../rpc/hex.ts'
import { WITHDRAWAL_PROOF_CODE } from '../../../rpc/methods/rollupGetWithdrawalProof.ts'
import { NotFoundError } from '../../errors.ts'
import { getExitProof } from '../../read/getExitProof.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { withdrawalProofJson } from '../format/proofJson.ts'

/**
 * `rollup_getWithdrawalProof` on the node: `[batch, chunk, position]` of an exit of a
 * finalized batch (positions are in `rollup_getBatch`'s `exits`) → `{ batch, chunk, exit, args }`,
 * `args` being `claimExit`'s arguments checked against the chunk's exit root: the sequencer's
 * answer and error codes (-38100 `NOT_FINALIZED`, -38101 `NO_EXIT`, -38102 `NOT_FOUND`). The
 * node keeps no L2 transactions, so the sequencer's `[txHash]` form is not served.
 *
 * @example
 * ```ts
 * const { args } = await client.request({ method: 'rollup_getWithdrawalProof', params: ['0x3', '0x0', '0x5'] })
 * ```
 */
export const nodeRollupGetWithdrawalProof: RpcMethod<NodeRpcContext> = {
  name: 'rollup_getWithdrawalProof',
  summary: 'claimExit arguments for an exit of a finalized batch: [batch, chunk, position] → { batch, chunk, exit, args }.',
  params: ['batch', 'chunk', 'position'],
  required: 3,
  handler: (c, p) => {
    const at = { batch: p.quantity(0, 64), chunk: Number(p.quantity(1, 16)), position: Number(p.quantity(2, 16)) }
    const b = c.node.context.store.batch(at.batch)
    if (!b || b.status !== 'applied' || at.chunk >= b.chunkCount) {
      const why = !b ? 'is not committed' : b.status !== 'applied' ? `is ${b.status} in this node` : `has ${b.chunkCount} chunks`
      throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NOT_FOUND, code: 'NOT_FOUND', message: `no chunk ${at.chunk} in batch ${at.batch}: the batch ${why}` })
    }
    if (!b.finalized) {
      throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NOT_FINALIZED, code: 'NOT_FINALIZED', message: `batch ${at.batch} is committed: its withdrawal proofs exist once L1 finalizes it`, data: { batch: toQuantity(at.batch), status: 'committed' } })
    }
    try {
      return withdrawalProofJson(getExitProof(c.node, at))
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e
      throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NO_EXIT, code: 'NO_EXIT', message: `chunk ${at.chunk} of batch ${at.batch} has no exit at position ${at.position}` })
    }
  },
}
