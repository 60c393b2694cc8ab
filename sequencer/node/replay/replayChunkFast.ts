import {
  BITS,
  InvalidChunkError,
  REASON,
  applyDaTx,
  applyQueueEntry,
  checkDaTx,
  chunkLayout,
  daTxToL2Tx,
  dataCommitment,
  exists,
  exitLeafHash,
  nextQueueHash,
  poseidon,
  poseidon2,
  queueEntryHash,
  slotsOf,
  txHash,
  type ChunkData,
  type ChunkParams,
  type ExitLeaf,
  type L2Tx,
  type QueueEntry,
  type QueueOutcome,
  type RollupState,
} from '../../../protocol/index.ts'
import { sparseDenseRoot } from './sparseDenseRoot.ts'

const MAX_BALANCE = (1n << BigInt(BITS.AMOUNT)) - 1n

/**
 * One L2 transaction of a chunk: its sequence number, first record slot, the signed
 * transaction it stands for (protocol's `daTxToL2Tx`, read before it applied) and its hash
 * (protocol's `txHash`; undefined when replayed with `txList: false`: hashing costs ~90 µs of
 * CPU per transaction, so a node rebuilding finalized history hashes only when asked).
 */
export interface ChunkTx {
  seq: bigint
  slot: number
  tx: L2Tx
  hash: bigint | undefined
}

/** What replaying one chunk gives: its public values, exits and outcomes, and the new state. */
export interface ChunkReplay {
  /** Undefined when replayed with `roots: false`. */
  oldStateRoot: bigint | undefined
  /** Undefined when replayed with `roots: false`. */
  newStateRoot: bigint | undefined
  oldQueueHash: bigint
  newQueueHash: bigint
  exitRoot: bigint
  /** Exits (withdrawals, forced withdrawals, refunds) by position in the chunk's exit tree. */
  exits: ExitLeaf[]
  firstSeq: bigint
  txCount: number
  /**
   * The chunk's L2 transactions in order: sequence number, record slot, the signed transaction
   * and, with `txList`, its hash (the node keeps them to open the tx list, see
   * `getTxListOpening`).
   */
  txs: ChunkTx[]
  /** Undefined when replayed with `txList: false`. */
  txListCommitment: bigint | undefined
  /** The Poseidon chain over the chunk's DA elements; undefined when no elements were given. */
  dataCommitment: bigint | undefined
  queueOutcomes: QueueOutcome[]
  /** The fork holding the chunk's changes: `state.commit()` applies them. */
  state: RollupState
}

/**
 * Replays one chunk from its DA data and the queue entries it consumed, like protocol's
 * `replayChunk`, but without Merkle witnesses: the same rules (protocol's `applyQueueEntry`,
 * `checkDaTx`, `applyDaTx`, then the fee credits), the same public values, and the same
 * refusals (`InvalidChunkError` for data that could not have been proven). On a state whose
 * tree is a {@link DeferredTree} every touched tree node is hashed once per chunk, which is
 * what makes rebuilding from L1 fast; on a plain state it is merely correct.
 *
 * This belongs in `protocol/` next to `replayChunk` (it mirrors `assembleChunk`'s order of
 * processing); the node keeps it until it moves there. `replayChunkFast.test.ts` checks it
 * against `replayChunk` on random histories.
 *
 * The input state is not changed: call `replay.state.commit()` to apply the chunk.
 *
 * @example
 * ```ts
 * const r = replayChunkFast({ state, params, domain, data, queue: { entries, startHash }, firstSeq, elements })
 * if (r.newStateRoot !== claimedRoot) reject()
 * r.state.commit()
 * ```
 */
export function replayChunkFast(params: {
  state: RollupState
  params: ChunkParams
  domain: bigint
  data: ChunkData
  queue: { entries: readonly QueueEntry[]; startHash: bigint }
  firstSeq: bigint
  /** The chunk's DA field elements, to recompute its data commitment (blob data). */
  elements?: readonly bigint[]
  /**
   * Compute the old and new state roots (default true). With false, no tree node is hashed:
   * the writes stay pending in the {@link DeferredTree} until someone reads a root, so a whole
   * batch is hashed at once. Only for chunks whose roots L1 has already verified (see
   * `replayBatch`).
   */
  roots?: boolean
  /**
   * Compute the transaction hashes and the tx-list commitment (default true). Only for chunks
   * whose commitment L1 has already verified may this be false.
   */
  txList?: boolean
}): ChunkReplay {
  const p = params.params
  const layout = chunkLayout(p)
  const { data, domain } = params
  const entries = params.queue.entries
  if (entries.length !== data.queueCount) throw new InvalidChunkError(`chunk consumes ${data.queueCount} queue entries, ${entries.length} given`)
  if (entries.length > p.nQueue) throw new InvalidChunkError(`chunk consumes ${entries.length} queue entries, at most ${p.nQueue}`)
  if (params.state.depth !== p.depth) throw new InvalidChunkError(`state depth ${params.state.depth} is not the parameters' ${p.depth}`)
  if (data.feeAccounts.length > p.nFee) throw new InvalidChunkError(`chunk names ${data.feeAccounts.length} fee accounts, at most ${p.nFee}`)

  const state = params.state.fork()
  const feeTokens = data.feeAccounts.map((f, k) => {
    if (f === 0n) return undefined
    if (!exists(state, f)) throw new InvalidChunkError(`fee account ${k} (${f}) is not an existing account`)
    return state.get(f)!.tokenId
  })
  const roots = params.roots ?? true
  const withTxList = params.txList ?? true
  const oldStateRoot = roots ? state.root : undefined

  // 1. Queue slots.
  const exits: ExitLeaf[] = []
  const queueOutcomes: QueueOutcome[] = []
  let queueHash = params.queue.startHash
  entries.forEach((entry, q) => {
    queueHash = nextQueueHash(queueHash, queueEntryHash(entry))
    const { outcome } = applyQueueEntry({ state, entry, exitPosition: q })
    queueOutcomes.push(outcome)
    if (outcome.status !== 'noop' && outcome.exit) exits.push(outcome.exit)
  })

  // 2. L2 slots.
  const feeTotals = new Array<bigint>(p.nFee).fill(0n)
  const txListLeaves = new Array<bigint>(p.nTx).fill(0n)
  const txs: ChunkTx[] = []
  let slot = 0
  let seq = params.firstSeq
  data.txs.forEach((tx, i) => {
    const reason = checkDaTx(state, tx)
    if (reason) throw new InvalidChunkError(`transaction ${i} of the chunk does not apply: ${REASON[reason]}`)
    const need = slotsOf(tx.type, layout)
    if (slot + need > p.nTx) throw new InvalidChunkError(`transaction ${i} needs ${need} record slots, ${p.nTx - slot} left`)
    const tokenId = state.get(tx.from)!.tokenId
    const feeSlot = feeTokens.findIndex((t) => t === tokenId)
    if (tx.fee > 0n && feeSlot < 0) throw new InvalidChunkError(`transaction ${i} of the chunk does not apply: ${REASON.NO_FEE_ACCOUNT}`)
    const l2 = daTxToL2Tx(state, tx)
    const hash = withTxList ? txHash({ tx: l2, domain }) : undefined
    const step = applyDaTx({ state, tx, exitPosition: p.nQueue + slot })
    if (step.exit) exits.push(step.exit)
    if (tx.fee > 0n) feeTotals[feeSlot] = feeTotals[feeSlot]! + tx.fee
    if (hash !== undefined) txListLeaves[slot] = poseidon2(seq, hash)
    txs.push({ seq, slot, tx: l2, hash })
    seq += 1n
    slot += need
  })

  // 3. Fees, once per fee account.
  data.feeAccounts.forEach((index, k) => {
    const total = feeTotals[k]!
    if (index === 0n || total === 0n) return
    const acc = state.get(index)!
    if (acc.balance + total > MAX_BALANCE) throw new InvalidChunkError(`fee account ${index} balance would reach 2^128`)
    state.put(index, { ...acc, balance: acc.balance + total })
  })

  // 4. Commitments.
  const exitLeaves = new Array<bigint>(p.nQueue + p.nTx).fill(0n)
  for (const e of exits) exitLeaves[e.position] = exitLeafHash(e)
  const txCount = data.txs.length
  return {
    oldStateRoot,
    newStateRoot: roots ? state.root : undefined,
    oldQueueHash: params.queue.startHash,
    newQueueHash: queueHash,
    exitRoot: sparseDenseRoot(exitLeaves, layout.exitDepth),
    exits,
    firstSeq: params.firstSeq,
    txCount,
    txs,
    txListCommitment: withTxList ? poseidon([params.firstSeq, BigInt(txCount), sparseDenseRoot(txListLeaves, layout.txListDepth)]) : undefined,
    dataCommitment: params.elements ? dataCommitment(params.elements) : undefined,
    queueOutcomes,
    state,
  }
}
