import type { TxListOpening } from '../../../l1-contracts/index.ts'
import { toHash32, toQuantity } from '../hex.ts'

type Hex = `0x${string}`

/**
 * A chunk's transaction list opened at one slot, as JSON (hex quantities; `txHash` 32 bytes):
 * the `TxListOpening` struct `PreconfirmationSlasher.slashReordered` takes.
 */
export interface TxListOpeningJson {
  batch: Hex
  chunk: Hex
  firstSeq: Hex
  txCount: Hex
  root: Hex
  slot: Hex
  txHash: Hex
  siblings: Hex[]
  /** The chunk's exit root (public input 4): the proven chunk keeps keccak(exitRoot, txListCommitment). */
  exitRoot: Hex
}

/** A chunk's tx-list commitment preimage `Poseidon(firstSeq, txCount, root)`, as JSON. */
export interface TxListPreimageJson {
  batch: Hex
  chunk: Hex
  firstSeq: Hex
  txCount: Hex
  root: Hex
  /** The chunk's public inputs as L1 committed them. */
  publicInputs: Hex[]
}

/**
 * What the node's `rollup_getTxListOpening` answers: the opening of the applied chunk holding
 * the sequence number (null when no applied batch holds it yet), whether L1 finalized that
 * batch, whether the node's recomputed commitment equals L1's, and the node's committed head
 * (the last applied chunk's preimage, as `slashMissed` takes it; the next sequence number; the
 * last applied and finalized batches).
 */
export interface TxListOpeningResultJson {
  opening: TxListOpeningJson | null
  finalized: boolean
  matchesL1: boolean
  head: { lastChunk: TxListPreimageJson | null; nextSequence: Hex; appliedBatch: Hex; finalizedBatch: Hex }
}

/**
 * A `TxListOpening` as JSON.
 *
 * @example
 * ```ts
 * txListOpeningToJson(txListOpening({ chunk, batch: 1n, chunkIndex: 0n, sequence: 2n })).slot // '0x1'
 * ```
 */
export function txListOpeningToJson(o: TxListOpening): TxListOpeningJson {
  const q = toQuantity
  return { batch: q(o.batch), chunk: q(o.chunk), firstSeq: q(o.firstSeq), txCount: q(o.txCount), root: q(o.root), slot: q(o.slot), txHash: toHash32(o.txHash), siblings: o.siblings.map(q), exitRoot: q(o.exitRoot) }
}

/**
 * A `TxListOpening` from its JSON (throws `SyntaxError` on a value that is not hex).
 *
 * @example
 * ```ts
 * await wallet.writeContract({ address: slasher, abi: preconfirmationSlasherAbi, functionName: 'slashReordered', args: [pre, txListOpeningFromJson(json.opening)] })
 * ```
 */
export function txListOpeningFromJson(j: TxListOpeningJson): TxListOpening {
  const b = (v: unknown): bigint => {
    if (typeof v !== 'string' || !/^0x[0-9a-fA-F]+$/.test(v)) throw new SyntaxError(`not a hex value: ${JSON.stringify(v)}`)
    return BigInt(v)
  }
  if (!Array.isArray(j.siblings)) throw new SyntaxError('siblings: not an array')
  return { batch: b(j.batch), chunk: b(j.chunk), firstSeq: b(j.firstSeq), txCount: b(j.txCount), root: b(j.root), slot: b(j.slot), txHash: b(j.txHash), siblings: j.siblings.map(b), exitRoot: b(j.exitRoot) }
}
