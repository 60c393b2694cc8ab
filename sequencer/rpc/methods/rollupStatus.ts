import type { RpcMethod } from '../RpcMethod.ts'
import { toData, toQuantity } from '../hex.ts'

/**
 * `rollup_status`: every head of the pipeline: the accepted and durable (preconfirmed)
 * sequence numbers, the sealed block, the L1 queue (applied, on L1, consumed by committed
 * batches, pending, age of the oldest pending entry against the inclusion delay) and the
 * committed, proven and finalized batches, and the batcher's phase (`starting` while it
 * rebuilds its state after a start: transactions are taken meanwhile). The L1 fields are
 * `null` when the sequencer does not follow L1.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_status' }) // { preconfirmedSequence: '0x2a', sealedBlock: { number: '0x7', … }, … }
 * ```
 */
export const rollupStatus: RpcMethod = {
  name: 'rollup_status',
  summary: 'Every pipeline head: accepted and preconfirmed sequence, sealed block, L1 queue (applied, consumed, pending, oldest age vs delay), committed, proven and finalized batch.',
  params: [],
  required: 0,
  handler: (s) => {
    const st = s.status()
    const b = st.l1?.batcher
    const q = (v: number | null | undefined): `0x${string}` | null => (v === null || v === undefined ? null : toQuantity(v))
    const pending = b && b.l1QueueLength !== null && b.committedQueue !== null ? Math.max(0, b.l1QueueLength - b.committedQueue) : null
    const nowS = Math.floor(Date.now() / 1000)
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
      queue: {
        applied: toQuantity(st.queueApplied),
        l1Length: q(b?.l1QueueLength),
        consumed: q(b?.committedQueue),
        pending: q(pending),
        oldestPendingAgeSeconds: b?.oldestPending ? toQuantity(Math.max(0, nowS - b.oldestPending.timestamp)) : null,
        inclusionDelaySeconds: q(b?.inclusionDelay),
      },
      committedBatch: q(b?.committedBatch),
      provenBatch: q(b?.provenBatch),
      finalizedBatch: q(b?.finalizedBatch),
      pending: {
        verifying: toQuantity(st.pending.verifying),
        parked: toQuantity(st.pending.parked),
        sequencing: toQuantity(st.pending.sequencing),
        total: toQuantity(st.pending.pending),
      },
      uptimeSeconds: toQuantity(Math.max(0, Math.floor((Date.now() - st.startedAt) / 1000))),
      batcher: b ? b.phase : null,
    }
  },
}
