import { hexToBytes } from 'viem'
import { ethBlock, type EthBlockJson } from '../../../rpc/format/ethJson.ts'
import { toHash32 } from '../../../rpc/hex.ts'
import type { NodeBlock } from '../nodeBlocks.ts'

/**
 * A node block (an applied batch, see `NodeBlock`) in the execution-apis `Block` shape, through
 * the sequencer's `ethBlock`: the committer as `miner`, the rollup state root as `stateRoot`,
 * no transactions (the node keeps none; `hydrated` changes nothing).
 *
 * @example
 * ```ts
 * nodeBlockJson(nodeBlock(node, 3n)!)
 * ```
 */
export function nodeBlockJson(block: NodeBlock): EthBlockJson {
  const json = ethBlock({
    block: { number: Number(block.number), hash: hexToBytes(block.hash), parentHash: hexToBytes(block.parentHash), timestamp: Number(block.timestamp), firstSeq: 0, txCount: block.txCount, txRoot: hexToBytes(block.txRoot) },
    miner: block.miner,
    txHashes: [],
  })
  return { ...json, stateRoot: toHash32(block.stateRoot) }
}
