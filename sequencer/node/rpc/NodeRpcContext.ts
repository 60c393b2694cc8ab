import type { RollupNode } from '../rollupNode.ts'

/**
 * What the node's JSON-RPC methods serve from: the node, the chain id `eth_chainId` reports
 * (the L1 chain id unless the deployment names another L2 chain id, as the sequencer's
 * `l2ChainId`), the version `web3_clientVersion` reports, and the block (applied batch) the
 * node stood at when it started (`eth_syncing`'s `startingBlock`).
 *
 * @example
 * ```ts
 * const ctx: NodeRpcContext = { node, l2ChainId: 31337n, version: '0.1.0', startingBlock: 0n }
 * ```
 */
export interface NodeRpcContext {
  readonly node: RollupNode
  readonly l2ChainId: bigint
  readonly version: string
  readonly startingBlock: bigint
}
