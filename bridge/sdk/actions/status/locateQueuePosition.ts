import type { Address } from 'viem'
import { getContractEvents, readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L1Client } from '../../client/types.ts'
import { findBatchOfQueuePosition } from './findBatchOfQueuePosition.ts'
import { getChunkParams } from './getChunkParams.ts'

/** Where a queue entry was consumed: batch, chunk and its queue slot (= its exit position). */
export interface QueueLocation {
  batch: bigint
  chunk: bigint
  /** Queue slot in the chunk; a forced withdrawal's or refund's exit sits at this position. */
  slot: bigint
}

/**
 * Finds the committed batch and chunk that consumed queue entry `position`, from L1 alone:
 * the batch by its queue range, the chunk by matching each chunk's `newQueueHash` public input
 * (`ChunkCommitted`) with the stored queue chain (`queueHashAt`). Undefined while unconsumed.
 *
 * @example
 * ```ts
 * const where = await locateQueuePosition(publicClient, { rollup, position: 5n })
 * where // { batch: 2n, chunk: 0n, slot: 1n }
 * ```
 */
export async function locateQueuePosition(l1: L1Client, params: { rollup: Address; position: bigint; fromBlock?: bigint }): Promise<QueueLocation | undefined> {
  const { rollup, position } = params
  const batch = await findBatchOfQueuePosition(l1, { rollup, position })
  if (batch === undefined) return undefined
  const read = <T>(functionName: string, args: readonly unknown[]) => readContract(l1, { address: rollup, abi: counterweightRollupAbi, functionName, args } as never) as Promise<T>
  const [[record], prev, chunkParams] = await Promise.all([
    read<readonly [{ queueEnd: number | bigint; chunkCount: number }]>('batchInfo', [batch]),
    batch > 1n ? read<readonly [{ queueEnd: number | bigint }]>('batchInfo', [batch - 1n]) : Promise.resolve([{ queueEnd: 0n }] as const),
    getChunkParams(l1, { rollup }),
  ])
  const logs = await getContractEvents(l1, { address: rollup, abi: counterweightRollupAbi, eventName: 'ChunkCommitted', args: { batch }, fromBlock: params.fromBlock ?? 0n, toBlock: 'latest' })
  const inputs = new Map<bigint, readonly bigint[]>()
  for (const log of logs) inputs.set(log.args.chunk!, log.args.publicInputs!)
  let start = BigInt(prev[0].queueEnd)
  const batchEnd = BigInt(record.queueEnd)
  for (let k = 0n; k < BigInt(record.chunkCount); k++) {
    const newQueueHash = inputs.get(k)?.[3]
    if (newQueueHash === undefined) return undefined
    let end = start
    for (let e = start; e <= start + BigInt(chunkParams.nQueue) && e <= batchEnd; e++) {
      if ((await read<bigint>('queueHashAt', [e])) === newQueueHash) {
        end = e
        break
      }
    }
    if (position >= start && position < end) return { batch, chunk: k, slot: position - start }
    start = end
  }
  return undefined
}
