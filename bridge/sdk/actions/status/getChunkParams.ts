import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { ChunkParams } from '../../../../protocol/index.ts'
import type { L1Client } from '../../client/types.ts'

/**
 * The chunk shape of a deployment, read from the rollup contract (`depth`, `nTx`, `nQueue`,
 * `nFee`).
 *
 * @example
 * ```ts
 * await getChunkParams(publicClient, { rollup }) // { depth: 8, nTx: 4, nQueue: 2, nFee: 2 }
 * ```
 */
export async function getChunkParams(l1: L1Client, params: { rollup: Address }): Promise<ChunkParams> {
  const read = (functionName: 'depth' | 'nTx' | 'nQueue' | 'nFee') => readContract(l1, { address: params.rollup, abi: counterweightRollupAbi, functionName })
  const [depth, nTx, nQueue, nFee] = await Promise.all([read('depth'), read('nTx'), read('nQueue'), read('nFee')])
  return { depth: Number(depth), nTx: Number(nTx), nQueue: Number(nQueue), nFee: Number(nFee) }
}
