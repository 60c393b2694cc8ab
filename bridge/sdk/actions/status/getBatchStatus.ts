import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'
import type { BatchStage } from './batchStageReached.ts'
import { getRollupHeads } from './getRollupHeads.ts'

export type { BatchStage }

/** A batch's status on L1. */
export interface BatchStatus {
  batch: bigint
  stage: BatchStage
  chunkCount: number
  /** Chunks with an accepted proof. */
  provenChunks: number
  /** Queue position after the batch. */
  queueEnd: bigint
  /** L1 time of the commitment (unix seconds); 0 when not committed. */
  committedAt: bigint
  stateRoot: bigint
}

/**
 * The status of batch `batch` on L1, from the contract's heads, batch record and chunk
 * states: `none` when no such batch is committed now (never, or reverted), `committed`,
 * `proven` when every chunk has an accepted proof, `finalized`.
 *
 * @example
 * ```ts
 * const { stage, provenChunks } = await getBatchStatus(publicClient, { rollup, batch: 3n })
 * ```
 */
export async function getBatchStatus(l1: L1Client, params: { rollup: Address; batch: bigint }): Promise<BatchStatus> {
  const { rollup, batch } = params
  const heads = await getRollupHeads(l1, { rollup })
  if (batch < 1n || batch > heads.committedBatches) return { batch, stage: 'none', chunkCount: 0, provenChunks: 0, queueEnd: 0n, committedAt: 0n, stateRoot: 0n }
  const [record, stateRoot] = await readContract(l1, { address: rollup, abi: counterweightRollupAbi, functionName: 'batchInfo', args: [batch] })
  const base = { batch, chunkCount: record.chunkCount, queueEnd: BigInt(record.queueEnd), committedAt: BigInt(record.committedAt), stateRoot }
  if (batch <= heads.finalizedBatches) return { ...base, stage: 'finalized', provenChunks: record.chunkCount }
  const states = await Promise.all(
    Array.from({ length: record.chunkCount }, (_, k) => readContract(l1, { address: rollup, abi: counterweightRollupAbi, functionName: 'chunkState', args: [batch, BigInt(k)] })),
  )
  const provenChunks = states.filter(([proven]) => proven).length
  return { ...base, stage: provenChunks === record.chunkCount ? 'proven' : 'committed', provenChunks }
}
