import { queueEntryFields } from '../../../protocol/index.ts'
import { queueEntryFromJson, queueOriginFromJson } from '../../store/queueCodec.ts'
import type { RpcMethod } from '../RpcMethod.ts'
import { toQuantity } from '../hex.ts'

/**
 * `rollup_getForcedInclusionStatus`: an L1 queue entry by position: its fields (null while not
 * ingested), when L1 added it, its inclusion deadline (that time plus the contract's
 * inclusion delay), and its status: `pending` (on L1, not yet ingested), `ingested` (applied
 * to the sequencer's state, not in a batch), `batched` (in a sealed batch not yet committed),
 * `committed`, `proven`, `finalized` (with the batch number); null when L1 has no such entry
 * (or the sequencer does not follow L1 and has not ingested it).
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getForcedInclusionStatus', params: ['0x3'] }) // { status: 'committed', batch: '0x2', … }
 * ```
 */
export const rollupGetForcedInclusionStatus: RpcMethod = {
  name: 'rollup_getForcedInclusionStatus',
  summary: 'An L1 queue entry by position: fields, L1 time, inclusion deadline, status (pending … finalized) and batch; null if unknown.',
  params: ['position'],
  required: 1,
  handler: async (s, p) => {
    const position = Number(p.quantity(0, 40))
    const delay = s.batcher?.inclusionDelaySeconds ?? null
    const row = position < s.mempool.queueLength ? s.store.queueFrom(position, 1)[0] : undefined
    let time: number | undefined
    let entry: Record<string, `0x${string}`> | null = null
    let status: string
    let batch: number | null = null
    if (row && row.position === position) {
      const fields = queueEntryFields(queueEntryFromJson(row.entry))
      entry = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, toQuantity(v as bigint)]))
      const origin = queueOriginFromJson(row.entry)
      time = origin ? Number(origin.timestamp) : await s.batcher?.entryTimeOf(position)
      const b = s.batches.ofQueue(position)
      status = b ? (b.status === 'sealed' ? 'batched' : b.status) : 'ingested'
      batch = b?.number ?? null
    } else {
      time = await s.batcher?.entryTimeOf(position)
      if (time === undefined) return null
      status = 'pending'
    }
    return {
      position: toQuantity(position),
      entry,
      l1Time: time === undefined ? null : toQuantity(time),
      deadline: time === undefined || delay === null ? null : toQuantity(time + delay),
      status,
      batch: batch === null ? null : toQuantity(batch),
    }
  },
}
