import { BITS } from '../constants.ts'
import { chunkElements, slotsOf, txsToRecords, type ChunkData, type DaRecord, type DaTx } from '../da/chunkData.ts'
import type { Signature } from '../eddsa/eddsa.ts'
import { OutOfRangeError, ProtocolError } from '../errors.ts'
import { poseidon, poseidon2 } from '../hash.ts'
import { chunkLayout, type ChunkParams } from '../params.ts'
import { nextQueueHash, queueEntryHash, type QueueEntry } from '../queue/queueEntry.ts'
import { denseRoot } from '../state/merkleTree.ts'
import type { RollupState } from '../state/rollupState.ts'
import { txHash, type SignedL2Tx } from '../tx/l2Tx.ts'
import { accessAccount, exists, unusedAccess } from './access.ts'
import { applyDaTx, checkDaTx, daTxToL2Tx } from './applyDaTx.ts'
import { applyQueueEntry } from './applyQueueEntry.ts'
import { REASON, type AccessWitness, type ExitLeaf, type QueueOutcome, type TxOutcome } from './outcomes.ts'
import { resolveL2Tx, type Resolution } from './resolveL2Tx.ts'

const MAX_BALANCE = (1n << BigInt(BITS.AMOUNT)) - 1n

/** The circuit's view of one queue slot. */
export interface QueueSlotWitness {
  /** 1 when the slot consumes an entry, 0 for padding. */
  enabled: boolean
  entry: QueueEntry | undefined
  outcome: QueueOutcome | undefined
  a: AccessWitness
  b: AccessWitness
}

/** The circuit's view of one L2 slot (one DA record). */
export interface TxSlotWitness {
  record: DaRecord
  /** The transaction whose first record this is (undefined for padding and extensions). */
  tx: DaTx | undefined
  signature: Signature | undefined
  seq: bigint
  hash: bigint
  /** Fee slot the fee is added to (0 when the fee is zero and no slot matches). */
  feeSlot: number
  a: AccessWitness
  b: AccessWitness
}

/** The circuit's view of one fee account credit at the end of the chunk. */
export interface FeeSlotWitness {
  index: bigint
  total: bigint
  access: AccessWitness
}

/** Everything a chunk is: its public values, its DA, every outcome, and the witness. */
export interface Chunk {
  params: ChunkParams
  domain: bigint
  oldStateRoot: bigint
  newStateRoot: bigint
  oldAccountRoot: bigint
  oldNextIndex: bigint
  oldQueueHash: bigint
  newQueueHash: bigint
  queueCount: number
  exitRoot: bigint
  exits: ExitLeaf[]
  /** Exit leaves by position (0 where a slot made no exit). */
  exitLeaves: bigint[]
  firstSeq: bigint
  txCount: number
  txListRoot: bigint
  /** `Poseidon(firstSeq, txCount, txListRoot)`. */
  txListCommitment: bigint
  /** Leaves of the tx-list tree: `Poseidon(seq, txHash)` per transaction record, else 0. */
  txListLeaves: bigint[]
  data: ChunkData
  dataElements: bigint[]
  /** Poseidon chain over the chunk's DA field elements. */
  dataCommitment: bigint
  queueOutcomes: QueueOutcome[]
  /** One per offered transaction, in the order offered. */
  txOutcomes: TxOutcome[]
  feeTotals: bigint[]
  queueSlots: QueueSlotWitness[]
  txSlots: TxSlotWitness[]
  feeSlots: FeeSlotWitness[]
  /** The public inputs of the chunk proof, in circuit order (see {@link chunkPublicInputs}). */
  publicInputs: bigint[]
  /** The forked state holding the chunk's changes: `state.commit()` applies them. */
  state: RollupState
}

/**
 * Exit leaf of a withdrawal or refund: `Poseidon(recipient, tokenId, amount)`.
 *
 * @example
 * ```ts
 * exitLeafHash({ position: 0, recipient: 0xabcn, tokenId: 0n, amount: 5n })
 * ```
 */
export function exitLeafHash(e: Pick<ExitLeaf, 'recipient' | 'tokenId' | 'amount'>): bigint {
  return poseidon([e.recipient, e.tokenId, e.amount])
}

/**
 * The Poseidon chain over a chunk's DA field elements: `c_0 = 0`, `c_{k+1} = Poseidon(c_k, e_k)`.
 *
 * @example
 * ```ts
 * dataCommitment(chunk.dataElements) === chunk.dataCommitment
 * ```
 */
export function dataCommitment(elements: readonly bigint[]): bigint {
  let c = 0n
  for (const e of elements) c = poseidon2(c, e)
  return c
}

/**
 * The public inputs of a chunk proof, in order: old state root, new state root, old queue
 * hash, new queue hash, exit root, transaction-list commitment, data commitment, domain.
 *
 * @example
 * ```ts
 * chunkPublicInputs(chunk).length // 8
 * ```
 */
export function chunkPublicInputs(c: Omit<Chunk, 'publicInputs'>): bigint[] {
  return [c.oldStateRoot, c.newStateRoot, c.oldQueueHash, c.newQueueHash, c.exitRoot, c.txListCommitment, c.dataCommitment, c.domain]
}

/**
 * Builds one chunk on a fork of `state`, exactly as the circuit will prove it: first the
 * queue entries (all of `queue.entries`, at most `nQueue`), then the L2 transactions in the
 * order offered, while they fit in `nTx` record slots (a transaction that is refused or does
 * not fit is reported in `txOutcomes` and takes no slot; once one does not fit, none after it
 * is included, so sequence order is kept), then the fees, added up per token and paid to the
 * fee accounts once. Included transactions get consecutive sequence numbers from `firstSeq`.
 *
 * The input state is not changed: call `chunk.state.commit()` to apply the chunk.
 *
 * @example
 * ```ts
 * const chunk = buildChunk({ state, params, domain, queue: { entries: [deposit], startHash: 0n }, txs: [signed], firstSeq: 0n, feeAccounts: [1n] })
 * chunk.state.commit()
 * ```
 */
export function buildChunk(params: {
  state: RollupState
  params: ChunkParams
  domain: bigint
  queue: { entries: readonly QueueEntry[]; startHash: bigint }
  txs: readonly SignedL2Tx[]
  firstSeq: bigint
  feeAccounts: readonly bigint[]
}): Chunk {
  const offers: TxOffer[] = params.txs.map((signed) => ({
    signature: signed.signature,
    resolve: (state) => resolveL2Tx({ state, signed, domain: params.domain }),
  }))
  return assembleChunk({ ...params, offers })
}

/**
 * Replays a chunk from its DA data and the queue entries it consumed, as a node does with
 * what it reads from L1: the same transition as {@link buildChunk}. DA carries no signatures:
 * a prover passes them in `signatures` (aligned with `data.txs`, e.g. from the sequencer's
 * `rollup_getTransactionSignatures`) so that the chunk's witness satisfies the circuit.
 * Throws {@link InvalidChunkError} naming the record when the data could not have been
 * proven (a transaction that does not apply, a fee account that does not exist).
 *
 * @example
 * ```ts
 * const chunk = replayChunk({ state, params, domain, data, queue: { entries, startHash }, firstSeq })
 * chunk.newStateRoot === committedRoot
 * ```
 */
export function replayChunk(params: {
  state: RollupState
  params: ChunkParams
  domain: bigint
  data: ChunkData
  queue: { entries: readonly QueueEntry[]; startHash: bigint }
  firstSeq: bigint
  /** The owners' signatures of `data.txs`, in order (for proving); absent: the witness has none. */
  signatures?: readonly (Signature | undefined)[]
}): Chunk {
  if (params.queue.entries.length !== params.data.queueCount) {
    throw new InvalidChunkError(`chunk consumes ${params.data.queueCount} queue entries, ${params.queue.entries.length} given`)
  }
  const offers: TxOffer[] = params.data.txs.map((da, i) => ({
    signature: params.signatures?.[i],
    resolve: (state): Resolution => {
      const reason = checkDaTx(state, da)
      if (reason) return { ok: false, reason, detail: REASON[reason] }
      return { ok: true, da, hash: txHash({ tx: daTxToL2Tx(state, da), domain: params.domain }) }
    },
  }))
  let chunk: Chunk
  try {
    chunk = assembleChunk({ ...params, offers, feeAccounts: params.data.feeAccounts })
  } catch (e) {
    throw new InvalidChunkError((e as Error).message)
  }
  const bad = chunk.txOutcomes.findIndex((o) => o.status === 'rejected')
  if (bad >= 0) {
    const o = chunk.txOutcomes[bad] as Extract<TxOutcome, { status: 'rejected' }>
    throw new InvalidChunkError(`transaction ${bad} of the chunk does not apply: ${o.detail}`)
  }
  return chunk
}

/**
 * A chunk whose DA data could not have been proven.
 *
 * @example
 * ```ts
 * try { replayChunk(...) } catch (e) { if (e instanceof InvalidChunkError) report(batch, e.message) }
 * ```
 */
export class InvalidChunkError extends ProtocolError {
  override name = 'InvalidChunkError'
  constructor(message: string) {
    super('INVALID_CHUNK', message)
  }
}

/** A transaction offered to a chunk: resolved against the state at its turn. */
interface TxOffer {
  signature: Signature | undefined
  resolve: (state: RollupState) => Resolution
}

function assembleChunk(params: {
  state: RollupState
  params: ChunkParams
  domain: bigint
  queue: { entries: readonly QueueEntry[]; startHash: bigint }
  offers: readonly TxOffer[]
  firstSeq: bigint
  feeAccounts: readonly bigint[]
}): Chunk {
  const p = params.params
  const layout = chunkLayout(p)
  if (params.state.depth !== p.depth) throw new OutOfRangeError({ what: 'state depth', value: params.state.depth, limit: `equal to ${p.depth}` })
  if (params.queue.entries.length > p.nQueue) {
    throw new OutOfRangeError({ what: 'queue entries in a chunk', value: params.queue.entries.length, limit: `at most ${p.nQueue}` })
  }
  if (params.feeAccounts.length > p.nFee) throw new OutOfRangeError({ what: 'fee accounts', value: params.feeAccounts.length, limit: `at most ${p.nFee}` })
  const state = params.state.fork()
  const feeAccounts = [...params.feeAccounts, ...new Array<bigint>(p.nFee - params.feeAccounts.length).fill(0n)]
  const feeTokens = feeAccounts.map((f, k) => {
    if (f === 0n) return undefined
    if (!exists(state, f)) throw new OutOfRangeError({ what: `fee account ${k}`, value: f, limit: 'an existing account' })
    return state.get(f)!.tokenId
  })
  const oldAccountRoot = state.accountRoot
  const oldNextIndex = state.nextIndex
  const oldStateRoot = state.root

  // 1. Queue slots.
  const queueSlots: QueueSlotWitness[] = []
  const queueOutcomes: QueueOutcome[] = []
  const exits: ExitLeaf[] = []
  let queueHash = params.queue.startHash
  for (let q = 0; q < p.nQueue; q++) {
    const entry = params.queue.entries[q]
    if (!entry) {
      queueSlots.push({ enabled: false, entry: undefined, outcome: undefined, a: unusedAccess(state), b: unusedAccess(state) })
      continue
    }
    queueHash = nextQueueHash(queueHash, queueEntryHash(entry))
    const step = applyQueueEntry({ state, entry, exitPosition: q })
    queueOutcomes.push(step.outcome)
    if ('exit' in step.outcome && step.outcome.exit) exits.push(step.outcome.exit)
    queueSlots.push({ enabled: true, entry, outcome: step.outcome, a: step.a, b: step.b })
  }

  // 2. L2 slots.
  const txOutcomes: TxOutcome[] = []
  const included: { da: DaTx; signature: Signature | undefined; seq: bigint; hash: bigint; slot: number; feeSlot: number; a: AccessWitness; b: AccessWitness }[] = []
  const feeTotals = new Array<bigint>(p.nFee).fill(0n)
  let slot = 0
  let full = false
  for (const offer of params.offers) {
    if (full) {
      txOutcomes.push({ status: 'rejected', reason: 'CHUNK_FULL', detail: 'a transaction before it did not fit in the chunk' })
      continue
    }
    const r = offer.resolve(state)
    if (!r.ok) {
      txOutcomes.push({ status: 'rejected', reason: r.reason, detail: r.detail })
      continue
    }
    const need = slotsOf(r.da.type, layout)
    if (slot + need > p.nTx) {
      full = true
      txOutcomes.push({ status: 'rejected', reason: 'CHUNK_FULL', detail: `needs ${need} record slots, ${p.nTx - slot} left` })
      continue
    }
    const tokenId = state.get(r.da.from)!.tokenId
    const matching = feeTokens.findIndex((t) => t === tokenId)
    if (r.da.fee > 0n && matching < 0) {
      txOutcomes.push({ status: 'rejected', reason: 'NO_FEE_ACCOUNT', detail: `no fee account for token ${tokenId} in this chunk` })
      continue
    }
    const feeSlot = Math.max(matching, 0)
    const step = applyDaTx({ state, tx: r.da, exitPosition: p.nQueue + slot })
    feeTotals[feeSlot] = feeTotals[feeSlot]! + r.da.fee
    const seq = params.firstSeq + BigInt(included.length)
    if (step.exit) exits.push(step.exit)
    included.push({ da: r.da, signature: offer.signature, seq, hash: r.hash, slot, feeSlot, a: step.a, b: step.b })
    txOutcomes.push({ status: 'included', seq, hash: r.hash, slot, da: r.da, ...(step.exit ? { exit: step.exit } : {}) })
    slot += need
  }

  // 3. Fees, once per fee account.
  const feeSlots: FeeSlotWitness[] = feeAccounts.map((index, k) => {
    const total = feeTotals[k]!
    if (index === 0n) return { index, total, access: unusedAccess(state) }
    const access = accessAccount(state, index, (acc) => {
      if (acc!.balance + total > MAX_BALANCE) throw new OutOfRangeError({ what: `fee account ${index} balance`, value: acc!.balance + total, limit: 'below 2^128' })
      return total === 0n ? undefined : { ...acc!, balance: acc!.balance + total }
    })
    return { index, total, access }
  })

  // 4. Commitments.
  const data: ChunkData = { queueCount: params.queue.entries.length, feeAccounts, txs: included.map((t) => t.da) }
  const records = txsToRecords(data.txs, layout)
  const txSlots: TxSlotWitness[] = records.map((record) => ({
    record,
    tx: undefined,
    signature: undefined,
    seq: 0n,
    hash: 0n,
    feeSlot: 0,
    a: unusedAccess(state),
    b: unusedAccess(state),
  }))
  for (const t of included) {
    Object.assign(txSlots[t.slot]!, { tx: t.da, signature: t.signature, seq: t.seq, hash: t.hash, feeSlot: t.feeSlot, a: t.a, b: t.b })
  }
  // Unused accesses must carry siblings of index 0 in the tree as it is at that point of the
  // chunk; recompute them in processing order now that every write is known.
  fixUnusedSiblings({ base: params.state, queueSlots, txSlots, feeSlots })

  const exitLeaves = new Array<bigint>(p.nQueue + p.nTx).fill(0n)
  for (const e of exits) exitLeaves[e.position] = exitLeafHash(e)
  const exitRoot = denseRoot(exitLeaves, layout.exitDepth)
  const txListLeaves = txSlots.map((s) => (s.tx ? poseidon2(s.seq, s.hash) : 0n))
  const txListRoot = denseRoot(txListLeaves, layout.txListDepth)
  const txCount = included.length
  const txListCommitment = poseidon([params.firstSeq, BigInt(txCount), txListRoot])
  const dataElements = chunkElements(data, p)

  const chunk: Omit<Chunk, 'publicInputs'> = {
    params: p,
    domain: params.domain,
    oldStateRoot,
    newStateRoot: state.root,
    oldAccountRoot,
    oldNextIndex,
    oldQueueHash: params.queue.startHash,
    newQueueHash: queueHash,
    queueCount: params.queue.entries.length,
    exitRoot,
    exits,
    exitLeaves,
    firstSeq: params.firstSeq,
    txCount,
    txListRoot,
    txListCommitment,
    txListLeaves,
    data,
    dataElements,
    dataCommitment: dataCommitment(dataElements),
    queueOutcomes,
    txOutcomes,
    feeTotals,
    queueSlots,
    txSlots,
    feeSlots,
    state,
  }
  return { ...chunk, publicInputs: chunkPublicInputs(chunk) }
}

/**
 * Replays the chunk's writes on a fresh fork of the base state, in circuit order, and sets
 * the siblings of every unused access (index 0) to the tree at that moment.
 */
function fixUnusedSiblings(params: {
  base: RollupState
  queueSlots: QueueSlotWitness[]
  txSlots: TxSlotWitness[]
  feeSlots: FeeSlotWitness[]
}): void {
  const replay = params.base.fork()
  const visit = (w: AccessWitness): void => {
    if (w.index === 0n) {
      w.siblings = replay.tree.proof(0n)
      return
    }
    if (w.after !== w.before && w.after) {
      if (w.before) replay.put(w.index, w.after)
      else replay.allocate(w.after)
    }
  }
  for (const s of params.queueSlots) {
    visit(s.a)
    visit(s.b)
  }
  for (const s of params.txSlots) {
    visit(s.a)
    visit(s.b)
  }
  for (const f of params.feeSlots) visit(f.access)
}
