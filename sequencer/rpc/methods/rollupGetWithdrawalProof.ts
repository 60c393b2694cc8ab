import type { Sequencer } from '../../createSequencer.ts'
import { RpcError } from '../../errors/index.ts'
import type { RpcMethod } from '../RpcMethod.ts'
import { exitProofJson } from '../format/batchJson.ts'
import { toQuantity } from '../hex.ts'

/** JSON-RPC error codes of `rollup_getWithdrawalProof`. */
export const WITHDRAWAL_PROOF_CODE = {
  /** The transaction's batch is not finalized on L1 yet (or it is not batched yet). */
  NOT_FINALIZED: -38100,
  /** The transaction made no exit (it is not a withdrawal), or there is no exit at that position. */
  NO_EXIT: -38101,
  /** No transaction has that hash, or there is no such batch or chunk. */
  NOT_FOUND: -38102,
} as const

/**
 * `rollup_getWithdrawalProof`: the exit and the `claimExit` arguments (`{ batch, chunk, exit,
 * args }`: the shape of the node's `getExitProof`, as hex quantities) of an L2 withdrawal by
 * transaction hash (`[txHash]`), or of any exit by location (`[batch, chunk, position]`: also
 * forced withdrawals and deposit refunds), once its batch is finalized. Errors: -38100
 * (`NOT_FINALIZED`) before, saying where it is; -38101 (`NO_EXIT`) when the transaction or
 * position made no exit; -38102 (`NOT_FOUND`) for an unknown transaction, batch or chunk.
 *
 * @example
 * ```ts
 * const { args } = await client.request({ method: 'rollup_getWithdrawalProof', params: [txHash] })
 * await client.request({ method: 'rollup_getWithdrawalProof', params: ['0x3', '0x0', '0x1'] })
 * ```
 */
export const rollupGetWithdrawalProof: RpcMethod = {
  name: 'rollup_getWithdrawalProof',
  summary: "A finalized exit's claimExit arguments, by L2 withdrawal hash or by [batch, chunk, position]; an error before finalization.",
  params: ['txHashOrBatch', 'chunk', 'position'],
  required: 1,
  handler: (s, p) => {
    if (p.has(1) || p.has(2)) return byLocation(s, { batch: Number(p.quantity(0, 40)), chunk: Number(p.quantity(1, 16)), position: Number(p.quantity(2, 16)) })
    const tx = s.store.txByHash(p.hash32(0))
    if (!tx) throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NOT_FOUND, code: 'NOT_FOUND', message: `no transaction has hash ${String(p.raw(0))}` })
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

function byLocation(s: Sequencer, at: { batch: number; chunk: number; position: number }): unknown {
  const batch = s.batches.get(at.batch)
  if (!batch || batch.status === 'reverted' || at.chunk >= batch.chunks.length) {
    throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NOT_FOUND, code: 'NOT_FOUND', message: `no chunk ${at.chunk} in batch ${at.batch}` })
  }
  if (batch.status !== 'finalized') {
    throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NOT_FINALIZED, code: 'NOT_FINALIZED', message: `batch ${at.batch} is ${batch.status}: its withdrawal proofs exist once L1 finalizes it`, data: { batch: toQuantity(at.batch), status: batch.status } })
  }
  const exit = batch.chunks[at.chunk]!.exits.find((e) => e.position === at.position)
  if (!exit) throw new RpcError({ rpcCode: WITHDRAWAL_PROOF_CODE.NO_EXIT, code: 'NO_EXIT', message: `chunk ${at.chunk} of batch ${at.batch} has no exit at position ${at.position}` })
  return { batch: toQuantity(at.batch), chunk: toQuantity(at.chunk), ...exitProofJson({ params: s.config.params, batch, chunk: at.chunk, exit }) }
}
