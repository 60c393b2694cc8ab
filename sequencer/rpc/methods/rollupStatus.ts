import type { RpcMethod } from '../RpcMethod.ts'
import { toData, toQuantity } from '../hex.ts'

/**
 * `rollup_status`: every head of the pipeline. This phase has the accepted and durable
 * (preconfirmed) sequence numbers, the sealed block and the L1 queue entries applied; the
 * batch heads (committed, proven, finalized) and the L1 queue backlog are `null` until the
 * batcher and the L1 follower exist.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_status' }) // { preconfirmedSequence: '0x2a', sealedBlock: { number: '0x7', … }, … }
 * ```
 */
export const rollupStatus: RpcMethod = {
  name: 'rollup_status',
  summary: 'Every pipeline head: accepted and preconfirmed sequence, sealed block, queue applied; batch heads null in this phase.',
  params: [],
  required: 0,
  handler: (s) => {
    const st = s.status()
    return {
      chainId: toQuantity(st.chainId),
      l2ChainId: toQuantity(st.l2ChainId),
      rollup: st.rollup,
      sequencer: st.sequencer,
      version: s.version,
      acceptedSequence: toQuantity(st.acceptedSequence),
      preconfirmedSequence: toQuantity(st.preconfirmedSequence),
      sealedBlock: {
        number: toQuantity(st.sealedBlock.number),
        hash: toData(st.sealedBlock.hash),
        timestamp: toQuantity(st.sealedBlock.timestamp),
        firstSequence: toQuantity(st.sealedBlock.firstSeq),
        transactionCount: toQuantity(st.sealedBlock.txCount),
      },
      queue: { applied: toQuantity(st.queueApplied), pending: null, oldestPendingAgeSeconds: null },
      committedBatch: null,
      provenBatch: null,
      finalizedBatch: null,
      pending: {
        verifying: toQuantity(st.pending.verifying),
        parked: toQuantity(st.pending.parked),
        sequencing: toQuantity(st.pending.sequencing),
        total: toQuantity(st.pending.pending),
      },
      uptimeSeconds: toQuantity(Math.max(0, Math.floor((Date.now() - st.startedAt) / 1000))),
    }
  },
}
