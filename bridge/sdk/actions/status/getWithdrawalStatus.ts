import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'
import type { BlobGetter } from './BatchDataSource.ts'
import { getBatchStatus } from './getBatchStatus.ts'
import { locateQueuePosition } from './locateQueuePosition.ts'
import { locateSequence } from './locateSequence.ts'
import type { WithdrawalStage } from './withdrawalStageReached.ts'

export type { WithdrawalStage }

/**
 * Which withdrawal: an L2 `withdraw` by its sequence number (from its preconfirmation), a
 * forced withdrawal by its L1 queue position, or an exit whose place is known.
 */
export type WithdrawalRef = { sequence: bigint } | { position: bigint } | { batch: bigint; chunk: bigint; exitPosition: bigint }

/** A withdrawal's status; `batch`, `chunk`, `exitPosition` once a committed batch holds it. */
export interface WithdrawalStatus {
  stage: WithdrawalStage
  batch: bigint | undefined
  chunk: bigint | undefined
  /** Position of its exit leaf in the chunk's exit tree (what `getWithdrawalProof` takes). */
  exitPosition: bigint | undefined
}

/**
 * Where a withdrawal is, from L1 alone: `initiated` (preconfirmed or queued, in no committed
 * batch), `committed`, `proven` (every chunk of its batch proven), `finalized` (claimable),
 * `claimed` (`isExitClaimed`). A reverted batch sends it back to `initiated`. L2 withdrawals
 * are located by decoding batch data (`blobs` for blob batches; `firstSequence` as in
 * `locateSequence`). A forced withdrawal that was invalid is consumed as a no-op and has no
 * exit: it reaches `finalized` but `getWithdrawalProof` finds nothing to claim.
 *
 * @example
 * ```ts
 * const { stage, batch, chunk, exitPosition } = await getWithdrawalStatus(publicClient, { rollup, ref: { sequence: 42n } })
 * ```
 */
export async function getWithdrawalStatus(
  l1: L1Client,
  params: { rollup: Address; ref: WithdrawalRef; fromBlock?: bigint; blobs?: BlobGetter; firstSequence?: bigint },
): Promise<WithdrawalStatus> {
  const { rollup, ref } = params
  let where: { batch: bigint; chunk: bigint; exitPosition: bigint | undefined } | undefined
  if ('sequence' in ref) where = await locateSequence(l1, { ...params, sequence: ref.sequence })
  else if ('position' in ref) {
    const q = await locateQueuePosition(l1, { ...params, position: ref.position })
    where = q && { batch: q.batch, chunk: q.chunk, exitPosition: q.slot }
  } else where = ref
  if (!where) return { stage: 'initiated', batch: undefined, chunk: undefined, exitPosition: undefined }
  const batch = await getBatchStatus(l1, { rollup, batch: where.batch })
  const located = { batch: where.batch, chunk: where.chunk, exitPosition: where.exitPosition }
  if (batch.stage === 'none') return { stage: 'initiated', batch: undefined, chunk: undefined, exitPosition: undefined }
  if (batch.stage !== 'finalized') return { ...located, stage: batch.stage }
  const claimed =
    where.exitPosition !== undefined &&
    (await readContract(l1, { address: rollup, abi: counterweightRollupAbi, functionName: 'isExitClaimed', args: [where.batch, where.chunk, where.exitPosition] }))
  return { ...located, stage: claimed ? 'claimed' : 'finalized' }
}
