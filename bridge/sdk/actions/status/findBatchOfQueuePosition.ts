import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'
import { getRollupHeads } from './getRollupHeads.ts'

/**
 * The committed batch that consumed queue entry `position` (binary search over the batch
 * records' `queueEnd`), or undefined while no committed batch has consumed it.
 *
 * @example
 * ```ts
 * await findBatchOfQueuePosition(publicClient, { rollup, position: 4n }) // 2n
 * ```
 */
export async function findBatchOfQueuePosition(l1: L1Client, params: { rollup: Address; position: bigint }): Promise<bigint | undefined> {
  const heads = await getRollupHeads(l1, { rollup: params.rollup })
  if (params.position >= heads.committedQueue) return undefined
  const queueEnd = async (batch: bigint) => {
    const [record] = await readContract(l1, { address: params.rollup, abi: counterweightRollupAbi, functionName: 'batchInfo', args: [batch] })
    return BigInt(record.queueEnd)
  }
  let lo = 1n
  let hi = heads.committedBatches
  while (lo < hi) {
    const mid = (lo + hi) / 2n
    if ((await queueEnd(mid)) > params.position) hi = mid
    else lo = mid + 1n
  }
  return lo
}
