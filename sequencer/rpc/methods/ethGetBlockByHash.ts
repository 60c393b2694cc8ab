import type { RpcMethod } from '../RpcMethod.ts'
import { blockJson } from './blockJson.ts'

/**
 * `eth_getBlockByHash`: a sealed L2 block by hash, or null.
 *
 * @example
 * ```ts
 * await client.getBlock({ blockHash: '0x…' })
 * ```
 */
export const ethGetBlockByHash: RpcMethod = {
  name: 'eth_getBlockByHash',
  summary: 'A sealed L2 block by hash; null if unknown.',
  params: ['blockHash', 'hydrated'],
  required: 1,
  handler: (s, p) => {
    const hash = p.hash32(0)
    const hydrated = p.has(1) ? p.bool(1) : false
    const block = s.store.blockByHash(hash)
    return block ? blockJson(s, block, hydrated) : null
  },
}
