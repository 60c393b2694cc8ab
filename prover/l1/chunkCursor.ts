import { encodeAbiParameters, keccak256, type Hex } from 'viem'
import { replayChunk, type Chunk, type ChunkData, type Signature, type QueueEntry, type RollupState } from '../../protocol/index.ts'
import { decodeBatchData, fetchBatchData, replayChunkFast, type RollupNode, type StoredBatch, type StoredChunk } from '../../sequencer/node/index.ts'
import { ChunkMismatchError } from '../errors.ts'

/**
 * A position inside one committed batch: the state at the start of chunk `next`, rebuilt from
 * L1 data alone (the node's state before the batch, then the batch's earlier chunks replayed
 * from its blob or calldata and the queue events).
 */
export interface ChunkCursor {
  readonly batch: bigint
  /** The committing transaction: a batch reverted and committed again under the same number is another batch. */
  readonly txHash: Hex
  next: number
  /** State at the start of chunk `next` (forks of the node's maps: the node's state is never written). */
  readonly state: RollupState
  readonly chunks: readonly ChunkData[]
  readonly claims: readonly StoredChunk[]
  /** Chunk `next` with its circuit witness, once built (not yet applied to `state`). */
  built: Chunk | undefined
}

const TOP_BIT = 1n << 255n

/**
 * The word the rollup stores for an unproven chunk: `keccak256(abi.encode(uint256[8] inputs))`
 * with the top bit clear (`chunkState(batch, chunk).value`).
 *
 * @example
 * ```ts
 * (await rollup.chunkState(b, k)).value === chunkInputsHash(job.chunk.publicInputs) // L1 expects this chunk
 * ```
 */
export function chunkInputsHash(inputs: readonly bigint[]): bigint {
  return BigInt(keccak256(encodeAbiParameters([{ type: 'uint256[8]' }], [inputs as never]))) & ~TOP_BIT
}

/**
 * Opens a cursor at chunk 0 of `batch`, which the node must have applied and L1 not finalized:
 * the node's state seen before the batch (its undo records), and the batch's data fetched and
 * decoded again. Returns undefined when the node cannot show that state (not applied, or
 * finalized meanwhile).
 *
 * @example
 * ```ts
 * const cursor = await openChunkCursor({ node, batch: node.context.store.batch(3n)! })
 * const chunk = await chunkAt({ node, cursor, chunk: 1 })
 * ```
 */
export async function openChunkCursor(params: { node: RollupNode; batch: StoredBatch }): Promise<ChunkCursor | undefined> {
  const { node, batch } = params
  const ctx = node.context
  if (batch.status !== 'applied') return undefined
  const undos = ctx.undos.filter((u) => u.batch >= batch.number)
  if (undos[0]?.batch !== batch.number) return undefined
  const state = ctx.state.viewBefore(undos.map((u) => u.undo))
  const previousRoot = batch.number > 1n ? ctx.store.batch(batch.number - 1n)?.stateRoot : ctx.identity.genesisStateRoot
  if (state.root !== previousRoot) throw new ChunkMismatchError({ batch: batch.number, chunk: 0, message: `the node's state before the batch has root ${state.root}, L1 recorded ${previousRoot}` })
  const data = await fetchBatchData(ctx, { batch })
  if (!data) return undefined
  const decoded = decodeBatchData({ params: ctx.identity.params, batch: batch.number, data })
  return { batch: batch.number, txHash: batch.txHash, next: 0, state, chunks: decoded.chunks, claims: ctx.store.chunks(batch.number), built: undefined }
}

/**
 * The full chunk (`protocol`'s `replayChunk`: circuit witness included) at index `chunk` of
 * the cursor's batch, moving the cursor forward over the chunks before it (each applied to the
 * cursor's state with the fast replay, or with the chunk built before). Throws
 * {@link ChunkMismatchError} when the rebuilt chunk's public inputs are not the ones L1
 * recorded (`ChunkCommitted`).
 *
 * @example
 * ```ts
 * const job = { batch: cursor.batch, chunkIndex: 2, chunk: await chunkAt({ node, cursor, chunk: 2 }) }
 * ```
 */
export function chunkAt(params: { node: RollupNode; cursor: ChunkCursor; chunk: number; signatures?: readonly Signature[] }): Chunk {
  const { node, cursor, chunk } = params
  const { store, identity } = node.context
  if (chunk < cursor.next) throw new RangeError(`the cursor is past chunk ${chunk} (at ${cursor.next})`)
  const inputsOf = (k: number): { queue: { entries: QueueEntry[]; startHash: bigint }; firstSeq: bigint } => {
    const claim = cursor.claims[k]
    const batch = store.batch(cursor.batch)
    if (!claim || claim.queueCount === undefined || claim.firstSeq === undefined || !batch || batch.queueStart === undefined) {
      throw new ChunkMismatchError({ batch: cursor.batch, chunk: k, message: 'the node has not applied this chunk' })
    }
    const from = batch.queueStart + cursor.claims.slice(0, k).reduce((n, c) => n + BigInt(c.queueCount ?? 0), 0n)
    const entries = store.queueEntries(from, claim.queueCount).map((e) => e.entry)
    const startHash = store.queueHashAt(from)
    if (entries.length !== claim.queueCount || startHash === undefined) throw new ChunkMismatchError({ batch: cursor.batch, chunk: k, message: `the node lacks queue entries from ${from}` })
    return { queue: { entries, startHash }, firstSeq: claim.firstSeq }
  }
  while (cursor.next < chunk) {
    if (cursor.built) cursor.built.state.commit()
    else {
      const k = cursor.next
      replayChunkFast({ state: cursor.state, params: identity.params, domain: identity.domain, data: cursor.chunks[k]!, ...inputsOf(k), txList: false }).state.commit()
    }
    cursor.built = undefined
    cursor.next++
  }
  if (!cursor.built) {
    const built = replayChunk({ state: cursor.state, params: identity.params, domain: identity.domain, data: cursor.chunks[chunk]!, ...inputsOf(chunk), ...(params.signatures ? { signatures: params.signatures } : {}) })
    const claimed = cursor.claims[chunk]!.publicInputs
    const differs = built.publicInputs.findIndex((v, i) => v !== claimed[i])
    if (differs >= 0) throw new ChunkMismatchError({ batch: cursor.batch, chunk, message: `public input ${differs} rebuilt as ${built.publicInputs[differs]}, L1 recorded ${claimed[differs]}` })
    cursor.built = built
  }
  return cursor.built
}
