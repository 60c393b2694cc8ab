import type { RpcMethod } from '../RpcMethod.ts'

/**
 * `eth_syncing`: always `false`; the sequencer is the source of its chain.
 *
 * @example
 * ```ts
 * await client.request({ method: 'eth_syncing' }) // false
 * ```
 */
export const ethSyncing: RpcMethod = {
  name: 'eth_syncing',
  summary: 'Always false: the sequencer produces its chain.',
  params: [],
  required: 0,
  handler: () => false,
}
