import { nextQueueHash, queueEntryHash } from '../../../protocol/index.ts'
import { L1InconsistencyError } from '../errors.ts'
import type { BlockInfo } from '../l1/l1Reader.ts'
import type { ChunkEvent, RollupEvent } from '../l1/rollupEvent.ts'
import type { NodeContext } from '../nodeContext.ts'

const hex = (v: bigint): string => `0x${v.toString(16)}`

/**
 * Records a range of rollup events (in L1 order) in the store, one L1 transaction at a time,
 * each in one SQLite transaction together with the cursor after it, so that a restart skips
 * exactly what was recorded:
 * - a queue entry is checked to chain onto the previous one (`q_{n+1} = H(q_n, entryHash)`);
 * - a batch commitment is recorded with its chunks' public inputs, as `waiting`;
 * - a finalization marks the batch and forgets its undo record;
 * - a revert undoes the applied batches it drops (state and store) and forgets them;
 * - escape mode is noted;
 * - the block's hash is remembered (reorg detection, `unwindReorg`).
 *
 * Throws {@link L1InconsistencyError} for events that contradict each other.
 *
 * @example
 * ```ts
 * await recordEvents(node.context, { events: await l1.events({ fromBlock, toBlock }) })
 * ```
 */
export async function recordEvents(ctx: NodeContext, params: { events: readonly RollupEvent[] }): Promise<{ queued: number; committed: bigint[]; finalized: bigint[]; reverted: bigint[] }> {
  const { store } = ctx
  const out = { queued: 0, committed: [] as bigint[], finalized: [] as bigint[], reverted: [] as bigint[] }
  for (const group of byTransaction(params.events)) {
    const first = group[0]!.at
    const cursor = store.cursor
    if (cursor && (first.blockNumber < cursor.block || (first.blockNumber === cursor.block && first.transactionIndex <= cursor.txIndex))) continue
    const block: BlockInfo | undefined = group.some((e) => e.kind === 'batch') ? await ctx.l1.block(first.blockNumber) : undefined
    if (block && block.hash !== first.blockHash) throw new L1InconsistencyError({ message: `block ${first.blockNumber} changed while reading it (reorg deeper than the confirmation depth?)` })
    const afterCommit: (() => void)[] = []
    store.transaction(() => {
      const chunks: ChunkEvent[] = []
      for (const e of group) {
        switch (e.kind) {
          case 'queue': {
            const length = store.queueLength()
            if (e.position !== length) {
              if (e.position < length) break // already recorded (replayed range)
              throw new L1InconsistencyError({ message: `queue entry ${e.position} arrived, the node has ${length} entries` })
            }
            const expected = nextQueueHash(store.queueHashAt(e.position)!, queueEntryHash(e.fields))
            if (expected !== e.queueHash) throw new L1InconsistencyError({ message: `queue entry ${e.position}: chain value ${hex(e.queueHash)} on L1, ${hex(expected)} from its fields` })
            store.addQueueEntry(e)
            out.queued++
            break
          }
          case 'chunk':
            chunks.push(e)
            break
          case 'batch':
            store.addBatch({ event: e, chunks: chunks.filter((c) => c.batch === e.batch), block: block! })
            out.committed.push(e.batch)
            break
          case 'finalized': {
            const b = store.batch(e.batch)
            if (!b) throw new L1InconsistencyError({ message: `batch ${e.batch} finalized but never committed` })
            if (b.stateRoot !== e.stateRoot) throw new L1InconsistencyError({ message: `batch ${e.batch} finalized with root ${hex(e.stateRoot)}, committed with ${hex(b.stateRoot)}` })
            store.markFinalized(e.batch)
            if (b.status === 'applied') {
              store.dropUndoUpTo(e.batch)
              afterCommit.push(() => {
                while (ctx.undos.length && ctx.undos[0]!.batch <= e.batch) ctx.undos.shift()
              })
            } else if (b.status === 'rejected' || b.status === 'unavailable') {
              store.addReport({
                batch: e.batch,
                chunk: undefined,
                code: 'FINALIZED_NOT_APPLIED',
                reason: b.reason,
                severity: 'critical',
                message: `L1 finalized batch ${e.batch}, which the node could not apply (${b.status}${b.reason ? `: ${b.reason}` : ''}); the node cannot go past it`,
                l1Block: e.at.blockNumber,
              })
            }
            out.finalized.push(e.batch)
            break
          }
          case 'reverted': {
            const applied = ctx.undos.filter((u) => u.batch >= e.fromBatch)
            for (const u of [...applied].reverse()) store.recordReverted({ number: u.batch, undo: u.undo })
            store.deleteBatchesFrom(e.fromBatch)
            afterCommit.push(() => {
              for (const u of [...applied].reverse()) ctx.state.revert(u.undo)
              ctx.undos.splice(ctx.undos.length - applied.length, applied.length)
            })
            for (let n = e.fromBatch; n <= e.toBatch; n++) out.reverted.push(n)
            break
          }
          case 'escape':
            store.setEscape({ stateRoot: e.stateRoot, finalizedBatch: e.finalizedBatch, block: e.at.blockNumber })
            break
        }
      }
      const last = group.at(-1)!.at
      store.setCursor({ block: last.blockNumber, txIndex: last.transactionIndex })
      // Remember the block's hash to detect a reorg later (see unwindReorg); events that drop
      // undo records or batches make it a block the node cannot unwind.
      store.recordL1Block({ number: first.blockNumber, hash: first.blockHash, irreversible: group.some((e) => e.kind === 'finalized' || e.kind === 'reverted' || e.kind === 'escape') })
    })
    for (const f of afterCommit) f()
  }
  return out
}

function byTransaction(events: readonly RollupEvent[]): RollupEvent[][] {
  const groups: RollupEvent[][] = []
  for (const e of events) {
    const last = groups.at(-1)
    if (last && last[0]!.at.transactionHash === e.at.transactionHash) last.push(e)
    else groups.push([e])
  }
  return groups
}
