import type { RollupNode } from '../rollupNode.ts'
import type { NodeReport } from '../store/nodeStore.ts'

/** Where the node stands. */
export interface NodeStatus {
  /** Last L1 block whose events are recorded. */
  processedBlock: bigint
  /** Last batch committed on L1 (as far as read), last applied, last finalized on L1. */
  committedBatch: bigint
  appliedBatch: bigint
  finalizedBatch: bigint
  stateRoot: bigint
  queueLength: bigint
  /** The first batch not applied and why, when one is stuck. */
  blockedAt: { batch: bigint; status: string; reason: string | undefined } | undefined
  escapeMode: boolean
  /** Most recent reports (bad data, warnings). */
  recentReports: NodeReport[]
}

/**
 * The node's heads and problems, for `rollup_status`-like answers and monitoring.
 *
 * @example
 * ```ts
 * const s = getStatus(node)
 * if (s.blockedAt) console.warn(`stuck at batch ${s.blockedAt.batch}: ${s.blockedAt.reason}`)
 * ```
 */
export function getStatus(node: RollupNode, params: { reports?: number } = {}): NodeStatus {
  const { store, state } = node.context
  const first = store.firstNotApplied()
  const all = store.reports({ limit: 1_000_000 })
  return {
    processedBlock: store.processedBlock,
    committedBatch: store.lastBatch()?.number ?? 0n,
    appliedBatch: store.lastApplied()?.number ?? 0n,
    finalizedBatch: store.lastFinalized()?.number ?? 0n,
    stateRoot: state.head.root,
    queueLength: store.queueLength(),
    blockedAt: first && first.status !== 'waiting' ? { batch: first.number, status: first.status, reason: first.reason } : undefined,
    escapeMode: store.escape !== undefined,
    recentReports: all.slice(-(params.reports ?? 20)),
  }
}

/**
 * Reports after id `after` (bad L1 data with its batch number, unavailable data, warnings).
 *
 * @example
 * ```ts
 * for (const r of getReports(node)) console.log(r.batch, r.code, r.reason, r.message)
 * ```
 */
export function getReports(node: RollupNode, params: { after?: number; limit?: number } = {}): NodeReport[] {
  return node.context.store.reports(params)
}
