import type { RpcMethod } from '../RpcMethod.ts'
import { blockJson } from './blockJson.ts'
import { findBlock } from './blockRefs.ts'

/**
 * `eth_getBlockByNumber`: a sealed L2 block by number or tag (`latest`/`pending`: the latest
 * sealed block; `earliest`, `safe`, `finalized`: block 0 until batches finalize on L1), or
 * null.
 *
 * @example
 * ```ts
 * await client.getBlock({ blockTag: 'latest', includeTransactions: true })
 * ```
 */
export const ethGetBlockByNumber: RpcMethod = {
  name: 'eth_getBlockByNumber',
  summary: 'A sealed L2 block by number or tag, with transaction hashes or full transactions; null if unknown.',
  params: ['block', 'hydrated'],
  required: 1,
  handler: (s, p) => {
    const ref = p.blockRef(0, false)!
    const hydrated = p.has(1) ? p.bool(1) : false
    const block = findBlock(s, ref)
    return block ? blockJson(s, block, hydrated) : null
  },
}
