import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import { toQuantity } from '../../../rpc/hex.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { headBlockNumber } from '../nodeBlocks.ts'

/**
 * Whether the node is catching up: L1 is not read up to its confirmed head (head minus the
 * confirmation depth, as of the last sync), or the first batch not applied is merely waiting
 * its turn. A node stuck on a batch it cannot apply (`unavailable`, `rejected`) is not
 * syncing: `rollup_status` says why.
 *
 * @example
 * ```ts
 * if (isCatchingUp(node)) console.log('still catching up')
 * ```
 */
export function isCatchingUp(node: NodeRpcContext['node']): boolean {
  const { store, options } = node.context
  if (node.l1Head === undefined) return true
  if (store.processedBlock < node.l1Head - options.confirmations) return true
  const first = store.firstNotApplied()
  return first !== undefined && first.status === 'waiting' && (store.escape === undefined || first.finalized)
}

/**
 * `eth_syncing` on the node: `false` once caught up, else `{ startingBlock, currentBlock,
 * highestBlock }` in node blocks (applied batches): where it started, the last applied batch,
 * the last batch committed on L1 as far as read.
 *
 * @example
 * ```ts
 * await client.request({ method: 'eth_syncing' }) // { startingBlock: '0x0', currentBlock: '0x3', highestBlock: '0x9' } | false
 * ```
 */
export const nodeEthSyncing: RpcMethod<NodeRpcContext> = {
  name: 'eth_syncing',
  summary: 'false once caught up with L1; else { startingBlock, currentBlock, highestBlock } in applied batches.',
  params: [],
  required: 0,
  handler: (c) => {
    if (!isCatchingUp(c.node)) return false
    const current = headBlockNumber(c.node)
    const highest = c.node.context.store.lastBatch()?.number ?? 0n
    return { startingBlock: toQuantity(c.startingBlock), currentBlock: toQuantity(current), highestBlock: toQuantity(highest > current ? highest : current) }
  },
}
