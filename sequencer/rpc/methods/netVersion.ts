import type { RpcMethod } from '../RpcMethod.ts'

/**
 * `net_version`: the chain id as a decimal string.
 *
 * @example
 * ```ts
 * await client.request({ method: 'net_version' }) // '31337'
 * ```
 */
export const netVersion: RpcMethod = {
  name: 'net_version',
  summary: 'Network id: the L2 chain id in decimal.',
  params: [],
  required: 0,
  handler: (s) => s.config.l2ChainId.toString(10),
}
