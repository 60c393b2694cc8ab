import type { RpcMethod } from '../RpcMethod.ts'
import { toQuantity } from '../hex.ts'

/**
 * `eth_chainId`: the chain id of this L2 (config `l2ChainId`, by default the L1 chain id).
 *
 * @example
 * ```ts
 * await client.getChainId() // 31337
 * ```
 */
export const ethChainId: RpcMethod = {
  name: 'eth_chainId',
  summary: 'Chain id of this L2 (config l2ChainId).',
  params: [],
  required: 0,
  handler: (s, p) => (void p, toQuantity(s.config.l2ChainId)),
}
