import type { Hex } from 'viem'
import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { toHash32, toQuantity } from '../../../rpc/hex.ts'
import { FinalizedNotAppliedError } from '../../errors.ts'
import { getStateRoot } from '../../read/getStateRoot.ts'
import { getStatus } from '../../read/getStatus.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { isCatchingUp } from './nodeEthSyncing.ts'

/** What `rollup_status` answers on the node (the sequencer answers its own `StatusJson`). */
export interface NodeStatusJson {
  role: 'node'
  /** L1 chain id, and the chain id `eth_chainId` reports. */
  chainId: Hex
  l2ChainId: Hex
  rollup: Hex
  version: string
  l1: { head: Hex | null; processedBlock: Hex; confirmations: Hex }
  syncing: boolean
  committedBatch: Hex
  appliedBatch: Hex
  finalizedBatch: Hex
  stateRoot: Hex
  /** Null when L1 finalized a batch the node could not apply. */
  finalizedStateRoot: Hex | null
  queueLength: Hex
  blockedAt: { batch: Hex; status: string; reason: string | null } | null
  escapeMode: boolean
  reports: { id: number; batch: Hex | null; chunk: number | null; code: string; reason: string | null; severity: string; message: string; l1Block: Hex | null }[]
}

/**
 * `rollup_status` on the node: L1 read position, batch heads (committed, applied, finalized),
 * roots, where it is stuck and why, escape mode, the latest reports.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_status' }) // { role: 'node', appliedBatch: '0x9', blockedAt: null, … }
 * ```
 */
export const nodeRollupStatus: RpcMethod<NodeRpcContext> = {
  name: 'rollup_status',
  summary: 'The node: L1 position, committed/applied/finalized batches, roots, what blocks it, escape mode, recent reports.',
  params: [],
  required: 0,
  handler: (c): NodeStatusJson => {
    const { node } = c
    const s = getStatus(node)
    let finalizedStateRoot: Hex | null
    try {
      finalizedStateRoot = toHash32(getStateRoot(node, { at: 'finalized' }).root)
    } catch (e) {
      if (!(e instanceof FinalizedNotAppliedError)) throw e
      finalizedStateRoot = null
    }
    const { identity, options } = node.context
    return {
      role: 'node',
      chainId: toQuantity(identity.chainId),
      l2ChainId: toQuantity(c.l2ChainId),
      rollup: identity.rollup.toLowerCase() as Hex,
      version: c.version,
      l1: { head: node.l1Head === undefined ? null : toQuantity(node.l1Head), processedBlock: toQuantity(s.processedBlock < 0n ? 0n : s.processedBlock), confirmations: toQuantity(options.confirmations) },
      syncing: isCatchingUp(node),
      committedBatch: toQuantity(s.committedBatch),
      appliedBatch: toQuantity(s.appliedBatch),
      finalizedBatch: toQuantity(s.finalizedBatch),
      stateRoot: toHash32(s.stateRoot),
      finalizedStateRoot,
      queueLength: toQuantity(s.queueLength),
      blockedAt: s.blockedAt ? { batch: toQuantity(s.blockedAt.batch), status: s.blockedAt.status, reason: s.blockedAt.reason ?? null } : null,
      escapeMode: s.escapeMode,
      reports: s.recentReports.map((r) => ({
        id: r.id,
        batch: r.batch === undefined ? null : toQuantity(r.batch),
        chunk: r.chunk ?? null,
        code: r.code,
        reason: r.reason ?? null,
        severity: r.severity,
        message: r.message,
        l1Block: r.l1Block === undefined ? null : toQuantity(r.l1Block),
      })),
    }
  },
}
