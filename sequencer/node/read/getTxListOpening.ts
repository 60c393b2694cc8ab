import { txListOpening, type TxListOpening } from '../../../l1-contracts/index.ts'
import { chunkLayout, denseRoot, poseidon, poseidon2, PUBLIC_INPUT_NAMES, txHash } from '../../../protocol/index.ts'
import type { RollupNode } from '../rollupNode.ts'
import type { StoredChunkTx } from '../store/nodeStore.ts'

/** A chunk's tx-list commitment preimage: `Poseidon(firstSeq, txCount, root)`. */
export interface TxListPreimage {
  batch: bigint
  chunk: bigint
  firstSeq: bigint
  txCount: bigint
  root: bigint
  /** The chunk's public inputs as L1 committed them (`ChunkCommitted`). */
  publicInputs: bigint[]
}

/**
 * What {@link getTxListOpening} answers: the opening of the chunk holding a sequence number
 * (or undefined when no applied batch holds it yet), whether L1 has finalized that batch
 * (`slashReordered` takes only finalized batches), whether the commitment the node recomputes
 * equals the one L1 recorded for the chunk (when not, L1 would refuse the opening), and the
 * node's committed head: the last applied chunk's preimage (what `slashMissed` takes), the
 * next sequence number after it and the last finalized batch.
 */
export interface TxListOpeningView {
  opening: TxListOpening | undefined
  finalized: boolean
  matchesL1: boolean
  head: {
    lastChunk: TxListPreimage | undefined
    /** The first sequence number no applied batch holds. */
    nextSequence: bigint
    appliedBatch: bigint
    finalizedBatch: bigint
  }
}

/**
 * The opening of the tx list of the applied chunk that gave `sequence` its transaction, in
 * the shape `PreconfirmationSlasher.slashReordered` takes (built by l1-contracts'
 * `txListOpening` from the transactions the node replayed: sequence number, slot and
 * protocol's `txHash` of each), with the node's committed head. The node keeps every applied
 * chunk's transactions (`chunk_txs`), dropped with the batch when L1 reverts it or reorganizes.
 *
 * @example
 * ```ts
 * const v = getTxListOpening(node, { sequence: 42n })
 * if (v.opening && BigInt(v.opening.txHash) !== preconfirmedHash) console.log('reordered', v.finalized)
 * ```
 */
export function getTxListOpening(node: RollupNode, params: { sequence: bigint }): TxListOpeningView {
  const { store, identity } = node.context
  const last = store.lastApplied()
  const lastFinalized = store.lastFinalized()
  const nextSequence = last ? last.firstSeq! + BigInt(last.txCount!) : 1n
  const preimage = (batch: bigint, chunk: number): { p: TxListPreimage; txs: (StoredChunkTx & { hash: bigint })[]; leaves: bigint[]; claimed: bigint | undefined } => {
    const c = store.chunks(batch)[chunk]!
    // Hashes of batches applied with `proven` checks are computed on first use, then kept.
    const stored = store.chunkTxs(batch, chunk)
    const missing = stored.filter((t) => t.hash === undefined)
    const txs = stored.map((t) => ({ ...t, hash: t.hash ?? txHash({ tx: t.tx, domain: identity.domain }) }))
    if (missing.length > 0) store.transaction(() => txs.forEach((t, i) => stored[i]!.hash === undefined && store.setChunkTxHash(t.seq, t.hash)))
    const leaves = new Array<bigint>(identity.params.nTx).fill(0n)
    for (const t of txs) leaves[t.slot] = poseidon2(t.seq, t.hash)
    const root = denseRoot(leaves, chunkLayout(identity.params).txListDepth)
    return { p: { batch, chunk: BigInt(chunk), firstSeq: c.firstSeq!, txCount: BigInt(c.txCount!), root, publicInputs: c.publicInputs }, txs, leaves, claimed: c.publicInputs[5] }
  }
  const lastChunk = last ? preimage(last.number, last.chunkCount - 1).p : undefined
  const head = { lastChunk, nextSequence, appliedBatch: last?.number ?? 0n, finalizedBatch: lastFinalized?.number ?? 0n }

  const tx = store.chunkTxAt(params.sequence)
  if (!tx) return { opening: undefined, finalized: false, matchesL1: false, head }
  const { p, txs, leaves, claimed } = preimage(tx.batch, tx.chunk)
  const opening = txListOpening({
    chunk: {
      params: identity.params,
      firstSeq: p.firstSeq,
      txCount: Number(p.txCount),
      txListRoot: p.root,
      txListLeaves: leaves,
      txOutcomes: txs.map((t) => ({ status: 'included' as const, seq: t.seq, slot: t.slot, hash: t.hash })),
      exitRoot: p.publicInputs[PUBLIC_INPUT_NAMES.indexOf('exitRoot')]!,
    },
    batch: tx.batch,
    chunkIndex: BigInt(tx.chunk),
    sequence: params.sequence,
  })
  const batch = store.batch(tx.batch)!
  return { opening, finalized: batch.finalized, matchesL1: claimed === poseidon([p.firstSeq, p.txCount, p.root]), head }
}
