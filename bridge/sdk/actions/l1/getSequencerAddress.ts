import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'

/**
 * The sequencer the rollup contract names (`sequencer()` on L1): the address whose
 * signature a preconfirmation must carry, since its bond answers for it.
 *
 * @example
 * ```ts
 * const sequencer = await getSequencerAddress(publicClient, { rollup })
 * ```
 */
export async function getSequencerAddress(l1: L1Client, params: { rollup: Address }): Promise<Address> {
  return readContract(l1, { address: params.rollup, abi: counterweightRollupAbi, functionName: 'sequencer' })
}
