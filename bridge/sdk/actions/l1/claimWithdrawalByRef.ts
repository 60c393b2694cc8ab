import type { Address } from 'viem'
import type { L1Client, SequencerClient } from '../../client/types.ts'
import { NotClaimableError } from '../../errors/NotClaimableError.ts'
import { NotFoundError } from '../../errors/NotFoundError.ts'
import type { BlobGetter } from '../status/BatchDataSource.ts'
import { getWithdrawalStatus, type WithdrawalRef } from '../status/getWithdrawalStatus.ts'
import { claimWithdrawal } from './claimWithdrawal.ts'
import { getWithdrawalProof } from './getWithdrawalProof.ts'
import type { L1ActionResult } from './writeRollup.ts'

/**
 * Claims a withdrawal by reference (its sequence number or queue position): checks on L1 that
 * it is finalized and not claimed (else {@link NotClaimableError}), fetches its proof from
 * `proofs` (`rollup_getWithdrawalProof` on the sequencer or a node) and sends `claimExit`.
 *
 * @example
 * ```ts
 * await claimWithdrawalByRef(walletClient, { rollup, ref: { sequence }, proofs: sequencerClient })
 * ```
 */
export async function claimWithdrawalByRef(
  l1: L1Client,
  params: { rollup: Address; chainId?: bigint; ref: WithdrawalRef; proofs: SequencerClient; fromBlock?: bigint; blobs?: BlobGetter; firstSequence?: bigint },
): Promise<L1ActionResult> {
  const status = await getWithdrawalStatus(l1, params)
  if (status.stage === 'claimed') throw new NotClaimableError({ code: 'ALREADY_CLAIMED', stage: status.stage })
  if (status.stage !== 'finalized') throw new NotClaimableError({ code: 'NOT_FINALIZED', stage: status.stage })
  if (status.exitPosition === undefined) throw new NotFoundError({ code: 'NO_EXIT', message: 'this transaction is not a withdrawal' })
  const proof = await getWithdrawalProof(params.proofs, { batch: status.batch!, chunk: status.chunk!, position: status.exitPosition })
  return claimWithdrawal(l1, { ...params, proof })
}
