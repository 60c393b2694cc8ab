import { numberToHex } from 'viem'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { SequencerClient } from '../../client/types.ts'
import { withdrawalProofFromJson, type WithdrawalProof } from './WithdrawalProof.ts'

/**
 * The proof of the exit at `position` of chunk `chunk` of finalized batch `batch`
 * (`rollup_getWithdrawalProof` on the sequencer or a node), ready for `claimWithdrawal`. The
 * location comes from `getWithdrawalStatus` (`batch`, `chunk`, `exitPosition`).
 * Throws `RpcMethodUnsupportedError` on an endpoint without the method.
 *
 * @example
 * ```ts
 * const status = await getWithdrawalStatus(publicClient, { rollup, ref: { sequence } })
 * const proof = await getWithdrawalProof(client, { batch: status.batch!, chunk: status.chunk!, position: status.exitPosition! })
 * ```
 */
export async function getWithdrawalProof(client: SequencerClient, params: { batch: bigint; chunk: bigint; position: bigint }): Promise<WithdrawalProof> {
  const json = await sequencerRequest(client, { method: 'rollup_getWithdrawalProof', params: [numberToHex(params.batch), numberToHex(params.chunk), numberToHex(params.position)] })
  return withdrawalProofFromJson(json)
}
