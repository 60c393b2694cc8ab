import type { RpcMethod } from '../RpcMethod.ts'
import { ethTransaction } from '../format/ethJson.ts'

/**
 * `eth_getTransactionByHash`: an accepted L2 transaction once its block is sealed (null
 * before, like a pending transaction elsewhere; its preconfirmation is available at once
 * through `rollup_getPreconfirmation`).
 *
 * @example
 * ```ts
 * await client.getTransaction({ hash: preconfirmation.txHash })
 * ```
 */
export const ethGetTransactionByHash: RpcMethod = {
  name: 'eth_getTransactionByHash',
  summary: 'An accepted L2 transaction in a sealed block (legacy-transaction shape plus L2 fields); null otherwise.',
  params: ['transactionHash'],
  required: 1,
  handler: (s, p) => {
    const tx = s.store.txByHash(p.hash32(0))
    const block = tx && s.store.blockOfSeq(tx.seq)
    if (!tx || !block || block.number > s.sealer.latest.number) return null
    return ethTransaction({ tx, block, state: s.view, chainId: s.config.l2ChainId })
  },
}
