import { calldataBinding, chunkElements, chunkLayout, chunkPublicInputs, slotsOf, type Chunk, type ChunkData, type ChunkParams, type QueueEntry, type RollupState, type TxOutcome } from '../../protocol/index.ts'
import { replayChunkFast } from '../node/index.ts'

/**
 * A chunk from its DA data as protocol's `replayChunk` gives it, without Merkle witnesses:
 * the node's `replayChunkFast` applies it on a fork of `state` (on a `DeferredState` every
 * touched tree node is hashed once) and gives the roots, queue hash, exits, tx list and data
 * commitment; the result is a protocol `Chunk` whose `queueSlots`, `txSlots` and `feeSlots`
 * are empty and whose outcomes carry no signature: what a commit needs (`blobBatch`,
 * `chunkClaims`, `calldataBatchData`), not what a prover needs. `txOutcomes` has the included
 * transactions only. Throws protocol's `InvalidChunkError` for data that does not apply.
 * The input state is not changed: `chunk.state.commit()` applies the chunk.
 *
 * @example
 * ```ts
 * const chunk = fastChunk({ state, params, domain, data, queue: { entries, startHash }, firstSeq: 1n })
 * chunk.state.commit()
 * ```
 */
export function fastChunk(params: { state: RollupState; params: ChunkParams; domain: bigint; data: ChunkData; queue: { entries: readonly QueueEntry[]; startHash: bigint }; firstSeq: bigint }): Chunk {
  const { state, data, firstSeq } = params
  const p = params.params
  const layout = chunkLayout(p)
  const dataElements = chunkElements(data, p)
  const oldAccountRoot = state.accountRoot
  const oldNextIndex = state.nextIndex
  const r = replayChunkFast({ state, params: p, domain: params.domain, data, queue: params.queue, firstSeq, elements: dataElements })

  // Outcomes and fee totals as buildChunk reports them (token ids never change: read them after).
  const feeTokens = data.feeAccounts.map((f) => (f === 0n ? undefined : r.state.get(f)!.tokenId))
  const feeTotals = new Array<bigint>(p.nFee).fill(0n)
  const txOutcomes: TxOutcome[] = []
  let slot = 0
  for (const [k, da] of data.txs.entries()) {
    const feeSlot = Math.max(feeTokens.indexOf(r.state.get(da.from)!.tokenId), 0)
    feeTotals[feeSlot]! += da.fee
    const exit = r.exits.find((e) => e.position === p.nQueue + slot)
    txOutcomes.push({ status: 'included', seq: firstSeq + BigInt(k), hash: r.txs[k]!.hash!, slot, da, ...(exit ? { exit } : {}) })
    slot += slotsOf(da.type, layout)
  }
  const partial: Omit<Chunk, 'publicInputs'> = {
    params: p,
    domain: params.domain,
    oldStateRoot: r.oldStateRoot!,
    newStateRoot: r.newStateRoot!,
    oldAccountRoot,
    oldNextIndex,
    oldQueueHash: r.oldQueueHash,
    newQueueHash: r.newQueueHash,
    queueCount: params.queue.entries.length,
    exitRoot: r.exitRoot,
    exits: r.exits,
    exitLeaves: r.exitLeaves,
    firstSeq,
    txCount: data.txs.length,
    txListRoot: r.txListRoot!,
    txListCommitment: r.txListCommitment!,
    txListLeaves: r.txListLeaves,
    data,
    dataElements,
    dataCommitment: r.dataCommitment!,
    blob: calldataBinding({ params: p, elements: dataElements }),
    queueOutcomes: r.queueOutcomes,
    txOutcomes,
    feeTotals,
    queueSlots: [],
    txSlots: [],
    feeSlots: [],
    state: r.state,
  }
  return { ...partial, publicInputs: chunkPublicInputs(partial) }
}
