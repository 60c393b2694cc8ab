import { RpcError } from '../../errors/index.ts'
import type { RpcMethod } from '../RpcMethod.ts'
import { exitProofJson } from '../format/batchJson.ts'
import { toQuantity } from '../hex.ts'

/** JSON-RPC error codes of `rollup_getWithdrawalProof`. */
export const WITHDRAWAL_PROOF_CODE = {
  /** The transaction's batch is not finalized on L1 yet (or it is not batched yet). */
  NOT_FINALIZED: -38100,
  /** The transaction made no exit (it is not a withdrawal). */
  NO_EXIT: -38101,
} as const

/**
 * `rollup_getWithdrawalProof`: for an L2 withdrawal (by transaction hash), once its batch is
 * finalized, the exit and the `claimExit` arguments (`{ exit, args }`, the shape of the node's
 * `getExitProof`, as hex quantities); null for an unknown transaction. Before finalization:
 * error -38100 (`NOT_FINALIZED`) saying where the transaction is; a transaction that made no
 * exit: -38101 (`NO_EXIT`).
 *
 * @example
 * ```ts
 * const { args } = await client.request({ method: 'rollup_getWithdrawalProof', params: [txHash] })
 * ```
 */
export const rollupGetWithdrawalProof: RpcMethod = {
  name: 'rollup_getWithdrawalProof',
  summary: "A finalized withdrawal's exit and claimExit arguments, by L2 transaction hash; null if unknown, an error before finalization.",
  params: ['txHash'],
  required: 1,
  handler: (s, p) => {
    const tx = s.store.txByHash(p.hash32(0))
    if (!tx) return null
    const batch = s.batches.ofSeq(tx.seq)
    if (!batch || batch.status !== 'finalized') {
      const where = batch ? `is in batch ${batch.number}, which is ${batch.status}` : 'is not in a batch yet'
      throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NOT_FINALIZED, code: 'NOT_FINALIZED', message: `transaction ${tx.seq} ${where}: its withdrawal proof exists once L1 finalizes the batch`, data: { sequence: toQuantity(tx.seq), ...(batch ? { batch: toQuantity(batch.number), status: batch.status } : {}) } })
    }
    for (const [k, c] of batch.chunks.entries()) {
      const exit = c.exits.find((e) => e.seq === tx.seq)
      if (exit) return { batch: toQuantity(batch.number), chunk: toQuantity(k), ...exitProofJson({ params: s.config.params, batch, chunk: k, exit }) }
    }
    throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NO_EXIT, code: 'NO_EXIT', message: `transaction ${tx.seq} made no exit (it is not a withdrawal)` })
  },
}
