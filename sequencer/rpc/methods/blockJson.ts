import type { Sequencer } from '../../createSequencer.ts'
import type { BlockRow } from '../../store/rows.ts'
import { ethBlock, ethTransaction, type EthBlockJson } from '../format/ethJson.ts'

/**
 * A durable block as `eth_getBlockBy*` answers it, with transaction hashes or (hydrated)
 * full transactions read from the store.
 *
 * @example
 * ```ts
 * blockJson(sequencer, sequencer.sealer.latest, false)
 * ```
 */
export function blockJson(s: Sequencer, block: BlockRow, hydrated: boolean): EthBlockJson {
  const txs = block.txCount > 0 ? s.store.txRange(block.firstSeq, block.txCount) : []
  return ethBlock({
    block,
    miner: s.address,
    txHashes: txs.map((t) => t.hash),
    txs: hydrated ? txs.map((tx) => ethTransaction({ tx, block, state: s.view, chainId: s.config.l2ChainId })) : undefined,
  })
}
