import { RetryExhaustedError } from './errors.ts'
import type { NodeContext } from './nodeContext.ts'
import { applyPendingBatches, type ApplyOutcome } from './sync/applyPendingBatches.ts'
import { recordEvents } from './sync/recordEvents.ts'
import { unwindReorg, type ReorgOutcome } from './sync/unwindReorg.ts'

/** What one {@link RollupNode.sync} did. */
export interface SyncResult {
  /** L1 head seen, and the last block read (head minus the confirmation depth). */
  l1Head: bigint
  processedBlock: bigint
  queued: number
  committed: bigint[]
  finalized: bigint[]
  reverted: bigint[]
  applied: bigint[]
  /** The first batch that could not be applied, if any (see `applyPendingBatches`). */
  stopped: ApplyOutcome['stopped']
  /** Set when L1 reorganized below the processed block and the node unwound it (see `unwindReorg`). */
  reorg: ReorgOutcome | undefined
}

/**
 * A node that rebuilds the rollup's state from L1 alone (see `createNode`). `sync()` reads
 * L1 up to the head minus the confirmation depth, range by range (halving a range whose
 * `eth_getLogs` keeps failing, never skipping one), records the events and applies the
 * batches; call it in a loop (or `run`). The state and everything read from L1
 * live in the store, so a restarted node resumes where it stopped. Reads are plain functions
 * over the node (`getAccount(node, ...)`, `getEscapeProof(node, ...)`, ...).
 *
 * @example
 * ```ts
 * const node = await createNode({ client: publicClient, rollup, fromBlock, storePath: 'node.sqlite', blobs })
 * const r = await node.sync()
 * console.log(r.applied, getStateRoot(node).root)
 * await node.close()
 * ```
 */
export class RollupNode {
  readonly context: NodeContext
  /** The L1 head the last sync saw (undefined before the first one): `eth_syncing` compares it with the processed block. */
  l1Head: bigint | undefined
  private running: Promise<SyncResult> | undefined
  private stopRequested = false

  constructor(context: NodeContext) {
    this.context = context
  }

  /** Reads L1 and applies batches until the confirmed head; one sync at a time (a second call joins the first). */
  sync(): Promise<SyncResult> {
    this.running ??= this.syncOnce().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async syncOnce(): Promise<SyncResult> {
    const { l1, store, options } = this.context
    const l1Head = await l1.headBlock()
    this.l1Head = l1Head
    const target = l1Head - options.confirmations
    // A reorg deeper than the confirmation depth replaced blocks the node read: unwind them first.
    const reorg = await unwindReorg(this.context, { l1Head })
    const result: SyncResult = { l1Head, processedBlock: store.processedBlock, queued: 0, committed: [], finalized: [], reverted: [], applied: [], stopped: undefined, reorg }
    let from = store.processedBlock + 1n
    let ranges = 0
    let size = options.rangeSize
    while (from <= target && !this.stopRequested) {
      const to = from + size - 1n < target ? from + size - 1n : target
      let events: Awaited<ReturnType<typeof l1.events>>
      let last: Awaited<ReturnType<typeof l1.block>>
      try {
        // The range's last block before its logs: if L1 reorganizes in between, the next sync
        // sees this hash change and unwinds (never the other way round).
        last = await l1.block(to)
        events = await l1.events({ fromBlock: from, toBlock: to })
      } catch (e) {
        // An endpoint may refuse large ranges (too many logs): ask again for half of it, down to
        // one block, then give up this sync. Never skip a range.
        if (!(e instanceof RetryExhaustedError) || to === from) throw e
        size = (to - from + 2n) / 2n
        this.context.logger.warn({ from: from.toString(), to: to.toString(), size: size.toString() }, 'eth_getLogs failed; halving the range')
        continue
      }
      const r = await recordEvents(this.context, { events })
      store.transaction(() => {
        store.recordL1Block({ number: to, hash: last.hash })
        store.setProcessedBlock(to)
      })
      result.queued += r.queued
      result.committed.push(...r.committed)
      result.finalized.push(...r.finalized)
      result.reverted.push(...r.reverted)
      // While catching up, apply only finalized batches (their finalization may be in the next range).
      const a = await applyPendingBatches(this.context, { onlyFinalized: to < target })
      result.applied.push(...a.applied)
      result.stopped = a.stopped
      result.processedBlock = to
      from = to + 1n
      ranges++
    }
    if (ranges === 0) {
      // nothing new on L1: still retry a batch whose data was missing
      const a = await applyPendingBatches(this.context)
      result.applied.push(...a.applied)
      result.stopped = a.stopped
    }
    return result
  }

  /**
   * Syncs every `intervalMs` until {@link close}; failures are logged and retried at the next
   * tick (nothing is skipped: the next sync starts from the last recorded block).
   */
  async run(params: { intervalMs?: number; onSync?: (r: SyncResult) => void } = {}): Promise<void> {
    const interval = params.intervalMs ?? 2_000
    while (!this.stopRequested) {
      try {
        // Not `onSync?.(await this.sync())`: optional chaining would skip the sync without onSync.
        const r = await this.sync()
        params.onSync?.(r)
      } catch (e) {
        this.context.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'sync failed; retrying')
      }
      if (!this.stopRequested) await new Promise((r) => setTimeout(r, interval))
    }
  }

  /** Stops `run`, waits for a sync in progress and closes the store. */
  async close(): Promise<void> {
    this.stopRequested = true
    await this.running?.catch(() => undefined)
    this.context.store.close()
  }
}
