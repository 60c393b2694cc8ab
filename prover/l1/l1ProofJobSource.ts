import type { RollupNode } from '../../sequencer/node/index.ts'
import { ChunkMismatchError } from '../errors.ts'
import type { ProofJob, ProofJobSource, ServiceLogger } from '../proverService.ts'
import type { Signature } from '../../protocol/index.ts'
import type { SignatureSource } from './signatureSource.ts'
import { chunkAt, chunkInputsHash, openChunkCursor, type ChunkCursor } from './chunkCursor.ts'
import type { RollupContract } from './rollupContract.ts'

/** An L1 {@link ProofJobSource}, with what it last saw (for logs and status). */
export interface L1ProofJobSource extends ProofJobSource {
  /** Why the last `next()` returned no job, if it did not. */
  readonly idle: string | undefined
}

/**
 * Proof jobs read from L1 alone: the committed, unproven chunks, oldest first, each with the
 * full `Chunk` (circuit witness) rebuilt from L1 data.
 *
 * Each `next()` syncs the `node` (queue, `BatchCommitted` / `ChunkCommitted` /
 * `BatchFinalized` / `BatchesReverted` events read `confirmations` deep, blobs from its blob
 * sources or calldata, every batch replayed and checked), then walks the batches L1 has not
 * finalized: a chunk is skipped when `chunkState` at the latest block says it is proven (by
 * anyone); the first other one is the job. Its state comes from the node's state before the
 * batch (the node keeps undo records of unfinalized batches) and the batch's earlier chunks
 * replayed fast; the chunk itself is rebuilt with `protocol`'s `replayChunk` and must have the
 * public inputs L1 recorded. The job is offered only while L1 still expects exactly those inputs
 * (`chunkState` value = their hash): after a revert the node has not read yet, nothing is
 * offered until it has.
 *
 * The state persists across restarts when the node has a store file (the node resumes from
 * it); with an in-memory store it is rebuilt from L1 on start. The position inside a batch is
 * kept in memory only (rebuilt from the node's state before the batch on restart).
 *
 * Batches the node cannot apply (data missing, or data that is not the rollup's) stop the
 * source at that batch: later batches build on its root. They get proven by nobody and are
 * reverted by L1 after the proof window; the source then goes on with the batches committed
 * again.
 *
 * @example
 * ```ts
 * const node = await createNode({ client: publicClient, rollup, fromBlock, storePath: 'prover.sqlite', blobs: rpcBlobSource({ client: publicClient }) })
 * const source = l1ProofJobSource({ node, rollup: rollupContract({ publicClient, address: rollup }), logger })
 * const job = await source.next()
 * ```
 */
export function l1ProofJobSource(params: {
  node: RollupNode
  rollup: RollupContract
  logger: ServiceLogger
  /** The owners' signatures of L2 transactions (L1 data has none); without it only chunks with no L2 transaction can be proven. */
  signatures?: SignatureSource
}): L1ProofJobSource {
  const { node, rollup, logger } = params
  const store = node.context.store
  /** Chunks seen proven, by committing transaction (a batch committed again is another batch). */
  const proven = new Set<string>()
  let cursor: ChunkCursor | undefined
  let idle: string | undefined
  let lastIdle: string | undefined
  const rest = (why: string): undefined => {
    idle = why
    if (why !== lastIdle) logger.info({ why }, 'no chunk to prove')
    lastIdle = why
    return undefined
  }

  return {
    get idle() {
      return idle
    },
    async next(): Promise<ProofJob | undefined> {
      const sync = await node.sync()
      if (sync.reverted.length) cursor = undefined
      const from = (store.lastFinalized()?.number ?? 0n) + 1n
      for (const b of store.batches({ from })) {
        if (b.finalized) continue
        if (b.status !== 'applied') return rest(`batch ${b.number} is ${b.status}${b.reason ? ` (${b.reason})` : ''}: it and later batches wait`)
        for (let k = 0; k < b.chunkCount; k++) {
          const key = `${b.txHash}:${k}`
          if (proven.has(key)) continue
          const state = await rollup.chunkState(b.number, k)
          if (state.proven) {
            proven.add(key)
            continue
          }
          if (!cursor || cursor.batch !== b.number || cursor.txHash !== b.txHash || cursor.next > k) {
            cursor = await openChunkCursor({ node, batch: b })
            if (!cursor) return rest(`batch ${b.number}: the node cannot show the state before it yet`)
          }
          // DA carries no signatures: fetch the owners' signatures of the chunk's L2 transactions.
          const claim = cursor.claims[k]
          const txCount = cursor.chunks[k]?.txs.length ?? 0
          let signatures: Signature[] | undefined
          let unsigned: string | undefined
          if (txCount > 0 && claim?.firstSeq !== undefined) {
            if (!params.signatures) unsigned = `batch ${b.number} chunk ${k} holds ${txCount} L2 transactions: proving needs their signatures (configure the sequencer URL)`
            else {
              try {
                signatures = await params.signatures.get(claim.firstSeq, txCount)
              } catch (e) {
                unsigned = `batch ${b.number} chunk ${k}: no signatures yet (${(e as Error).message})`
              }
            }
          }
          let chunk
          try {
            chunk = chunkAt({ node, cursor, chunk: k, ...(signatures ? { signatures } : {}) })
          } catch (e) {
            cursor = undefined
            if (e instanceof ChunkMismatchError) {
              if (lastIdle !== e.message) logger.error({ batch: String(b.number), chunk: k, err: e.message }, 'cannot rebuild this chunk as L1 recorded it; it cannot be proven')
              return rest(e.message)
            }
            throw e
          }
          if (unsigned) {
            // The rebuilt chunk matches L1 (checked above) but has no signatures: drop it and wait.
            cursor.built = undefined
            return rest(unsigned)
          }
          if (state.value !== chunkInputsHash(chunk.publicInputs)) return rest(`batch ${b.number} chunk ${k}: L1 now expects other inputs (a revert not read yet)`)
          idle = undefined
          lastIdle = undefined
          return { batch: b.number, chunkIndex: k, chunk }
        }
      }
      return rest(sync.stopped ? `batch ${sync.stopped.batch} is ${sync.stopped.status}` : 'every committed chunk is proven')
    },
  }
}
