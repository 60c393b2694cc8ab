import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'

/**
 * The ETH fee every L1 queue operation pays now (`queueFee()`): it doubles with every
 * `queueFeeStep` entries of backlog. The L1 actions read it themselves.
 *
 * @example
 * ```ts
 * const fee = await getQueueFee(publicClient, { rollup })
 * ```
 */
export function getQueueFee(l1: L1Client, params: { rollup: Address }): Promise<bigint> {
  return readContract(l1, { address: params.rollup, abi: counterweightRollupAbi, functionName: 'queueFee' })
}
