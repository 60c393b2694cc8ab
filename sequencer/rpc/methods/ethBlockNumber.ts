import type { RpcMethod } from '../RpcMethod.ts'
import { toQuantity } from '../hex.ts'

/**
 * `eth_blockNumber`: the latest sealed (durable) L2 block.
 *
 * @example
 * ```ts
 * await client.getBlockNumber() // 42n
 * ```
 */
export const ethBlockNumber: RpcMethod = {
  name: 'eth_blockNumber',
  summary: 'Number of the latest sealed L2 block.',
  params: [],
  required: 0,
  handler: (s) => toQuantity(s.sealer.latest.number),
}
