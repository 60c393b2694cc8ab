import type { RpcMethod } from '../RpcMethod.ts'
import { ethReceipt } from '../format/ethJson.ts'

/**
 * `eth_getTransactionReceipt`: the receipt of an accepted L2 transaction once its block is
 * sealed (status 1, no gas, no logs), or null.
 *
 * @example
 * ```ts
 * await client.waitForTransactionReceipt({ hash: preconfirmation.txHash })
 * ```
 */
export const ethGetTransactionReceipt: RpcMethod = {
  name: 'eth_getTransactionReceipt',
  summary: 'Receipt of an accepted L2 transaction in a sealed block; null otherwise.',
  params: ['transactionHash'],
  required: 1,
  handler: (s, p) => {
    const tx = s.store.txByHash(p.hash32(0))
    const block = tx && s.store.blockOfSeq(tx.seq)
    if (!tx || !block || block.number > s.sealer.latest.number) return null
    return ethReceipt({ tx, block, state: s.view })
  },
}
