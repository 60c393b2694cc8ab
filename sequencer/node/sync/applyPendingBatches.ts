import { FIRST_SEQUENCE } from '../../../protocol/index.ts'
import { BadBatchError } from '../errors.ts'
import type { NodeContext } from '../nodeContext.ts'
import { decodeBatchData } from '../replay/decodeBatchData.ts'
import { replayBatch, type QueueView } from '../replay/replayBatch.ts'
import type { StoredBatch } from '../store/nodeStore.ts'
import { fetchBatchData } from './fetchBatchData.ts'

/** What one call of {@link applyPendingBatches} did. */
export interface ApplyOutcome {
  applied: bigint[]
  /** The first batch that could not be applied, and why (it and every later batch wait). */
  stopped: { batch: bigint; status: 'unavailable' | 'rejected'; reason: string; message: string } | undefined
}

/**
 * Applies recorded batches in order, from the first one not applied: fetches its data,
 * decodes it, replays it on a layer over the head and checks it against L1 (see
 * `replayBatch`), then writes state changes, undo record and results in one SQLite
 * transaction and only then into the state in memory. Bad data never touches the state.
 *
 * Stops at the first batch that cannot be applied, deterministically:
 * - data not found (or a source that could not be asked): `unavailable`, reported once, asked
 *   again on the next call;
 * - data that cannot be the rollup's (`BadBatchError`): `rejected`, reported with the batch and
 *   chunk, never retried. Every later batch builds on its claimed root, so it waits, recorded
 *   but not applied, until L1 reverts the bad batch (`revertExpiredBatches`), after which the
 *   batches committed again under the same numbers are applied. If L1 finalizes a rejected
 *   batch instead (possible only while blobs are not bound to proofs), the node reports
 *   `FINALIZED_NOT_APPLIED` and cannot go further.
 * - in escape mode, batches that L1 did not finalize are never applied (they are dead).
 *
 * With `onlyFinalized` it also stops at the first batch L1 has not finalized (as far as the
 * node has read): a node catching up applies history with `proven` checks instead of
 * recomputing what the proofs bind, and applies the rest once it reaches the head.
 *
 * @example
 * ```ts
 * const { applied, stopped } = await applyPendingBatches(node.context)
 * ```
 */
export async function applyPendingBatches(ctx: NodeContext, params: { onlyFinalized?: boolean } = {}): Promise<ApplyOutcome> {
  const { store, state, logger } = ctx
  const applied: bigint[] = []
  for (;;) {
    const b = store.firstNotApplied()
    if (!b) return { applied, stopped: undefined }
    if (b.status === 'rejected') return { applied, stopped: { batch: b.number, status: 'rejected', reason: b.reason ?? 'UNKNOWN', message: b.message ?? '' } }
    if (store.escape && !b.finalized) return { applied, stopped: undefined }
    if (params.onlyFinalized && !b.finalized) return { applied, stopped: undefined }

    let data: Awaited<ReturnType<typeof fetchBatchData>>
    try {
      data = await fetchBatchData(ctx, { batch: b })
    } catch (e) {
      const message = `could not fetch the data of batch ${b.number}: ${e instanceof Error ? e.message : String(e)}`
      return { applied, stopped: markUnavailable(ctx, b, 'DATA_SOURCE_FAILED', message) }
    }
    if (!data) return { applied, stopped: markUnavailable(ctx, b, 'DATA_NOT_FOUND', `no source has the ${b.calldataDA ? 'calldata' : `blob ${b.dataHash}`} of batch ${b.number}`) }

    const previous = b.number > 1n ? store.batch(b.number - 1n) : undefined
    const queueStart = previous?.queueEnd ?? 0n
    const firstSeq = previous ? previous.firstSeq! + BigInt(previous.txCount!) : FIRST_SEQUENCE
    const checks = ctx.options.checks === 'auto' ? (b.finalized ? 'proven' : 'full') : ctx.options.checks
    const layer = state.beginBatch()
    let replay: ReturnType<typeof replayBatch>
    try {
      const decoded = decodeBatchData({ params: ctx.identity.params, batch: b.number, data })
      replay = replayBatch({
        state: layer.state,
        params: ctx.identity.params,
        domain: ctx.identity.domain,
        batch: b.number,
        decoded,
        claims: store.chunks(b.number).map((c) => c.publicInputs),
        commit: { queueEnd: b.queueEnd, newStateRoot: b.stateRoot },
        queue: queueView(ctx),
        queueStart,
        firstSeq,
        checkData: data.kind === 'blob',
        checks,
      })
    } catch (e) {
      if (!(e instanceof BadBatchError)) throw e
      store.transaction(() => {
        store.setBatchStatus(b.number, 'rejected', e.reason, e.message)
        store.addReport({ batch: b.number, chunk: e.chunk, code: e.code, reason: e.reason, severity: e.severity, message: e.message, l1Block: b.block })
        if (b.finalized) {
          store.addReport({ batch: b.number, chunk: e.chunk, code: 'FINALIZED_NOT_APPLIED', reason: e.reason, severity: 'critical', message: `L1 finalized batch ${b.number}, which does not replay: the node cannot go past it`, l1Block: b.block })
        }
      })
      logger.error({ batch: b.number.toString(), chunk: e.chunk, reason: e.reason }, e.message)
      return { applied, stopped: { batch: b.number, status: 'rejected', reason: e.reason, message: e.message } }
    }

    const { diff, undo } = state.changes(layer)
    store.transaction(() => {
      store.recordApplied({ number: b.number, replay, queueStart, firstSeq, diff, undo, keepUndo: !b.finalized })
      for (const w of replay.warnings) store.addReport({ batch: b.number, chunk: undefined, code: 'TX_LIST_MISMATCH', reason: undefined, severity: 'warning', message: w, l1Block: b.block })
    })
    state.commit(layer)
    if (!b.finalized) ctx.undos.push({ batch: b.number, undo })
    applied.push(b.number)
    logger.info({ batch: b.number.toString(), txs: replay.chunks.reduce((s, c) => s + c.txCount, 0), checks }, 'batch applied')
  }
}

function markUnavailable(ctx: NodeContext, b: StoredBatch, reason: string, message: string): ApplyOutcome['stopped'] {
  if (b.status !== 'unavailable' || b.reason !== reason) {
    ctx.store.transaction(() => {
      ctx.store.setBatchStatus(b.number, 'unavailable', reason, message)
      ctx.store.addReport({ batch: b.number, chunk: undefined, code: 'BAD_BATCH', reason, severity: b.finalized ? 'critical' : 'temporary', message, l1Block: b.block })
    })
    ctx.logger.warn({ batch: b.number.toString(), reason }, message)
  }
  return { batch: b.number, status: 'unavailable', reason, message }
}

function queueView(ctx: NodeContext): QueueView {
  return {
    entries: (from, count) => {
      const rows = ctx.store.queueEntries(from, count)
      return rows.length === count ? rows.map((r) => r.entry) : undefined
    },
    hashAt: (n) => ctx.store.queueHashAt(n),
  }
}
