import type { Address } from 'viem'
import type { L1Client } from '../../client/types.ts'
import type { WithdrawalProof } from './WithdrawalProof.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * Claims a finalized exit on L1 (`claimExit`): pays the exit's recipient (whoever sends). A
 * second claim reverts with `ExitAlreadyClaimed`; a claim before finalization with
 * `BatchNotFinalized` (both `L1RevertedError`, checked by simulation before sending).
 *
 * @example
 * ```ts
 * const proof = await getWithdrawalProof(client, { batch, chunk, position })
 * await claimWithdrawal(walletClient, { rollup, proof })
 * ```
 */
export function claimWithdrawal(l1: L1Client, params: { rollup: Address; chainId?: bigint; proof: WithdrawalProof }): Promise<L1ActionResult> {
  return writeRollup(l1, { ...params, functionName: 'claimExit', args: params.proof.args })
}
