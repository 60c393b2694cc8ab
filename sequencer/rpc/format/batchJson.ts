import { chunkLayout, computeRoot, denseProof, exitLeafHash, type ChunkParams } from '../../../protocol/index.ts'
import type { BatchRecord, ChunkRecord, ExitRecord } from '../../batcher/BatchRecord.ts'
import { toHash32, toQuantity } from '../hex.ts'

type Hex = `0x${string}`

/** One chunk of a batch as `rollup_getBatch` answers it. */
export interface ChunkJson {
  index: Hex
  queueStart: Hex
  queueCount: Hex
  firstSequence: Hex
  transactionCount: Hex
  feeAccounts: Hex[]
  oldStateRoot: Hex
  newStateRoot: Hex
  exitRoot: Hex
  /** The eleven public inputs of the chunk proof (what `prove` takes), 32-byte hex. */
  publicInputs: Hex[]
}

/** A batch as `rollup_getBatch` answers it. */
export interface BatchJson {
  number: Hex
  status: 'sealed' | 'committed' | 'proven' | 'finalized'
  stateRoot: Hex
  queueStart: Hex
  queueEnd: Hex
  firstSequence: Hex
  transactionCount: Hex
  l1: { transactionHash: Hex; blockNumber: Hex; via: 'blob' | 'calldata' } | null
  chunks: ChunkJson[]
}

/**
 * The JSON of a batch record.
 *
 * @example
 * ```ts
 * batchToJson(sequencer.batches.get(1)!).chunks[0]!.publicInputs.length // 8
 * ```
 */
export function batchToJson(b: BatchRecord): BatchJson {
  return {
    number: toQuantity(b.number),
    status: b.status as BatchJson['status'],
    stateRoot: toHash32(b.stateRoot),
    queueStart: toQuantity(b.queueStart),
    queueEnd: toQuantity(b.queueEnd),
    firstSequence: toQuantity(b.firstSeq),
    transactionCount: toQuantity(b.txCount),
    l1: b.l1 ? { transactionHash: b.l1.transactionHash, blockNumber: toQuantity(b.l1.blockNumber), via: b.l1.via } : null,
    chunks: b.chunks.map((c, k) => chunkToJson(c, k)),
  }
}

function chunkToJson(c: ChunkRecord, index: number): ChunkJson {
  return {
    index: toQuantity(index),
    queueStart: toQuantity(c.queueStart),
    queueCount: toQuantity(c.queueCount),
    firstSequence: toQuantity(c.firstSeq),
    transactionCount: toQuantity(c.txCount),
    feeAccounts: c.feeAccounts.map(toQuantity),
    oldStateRoot: toHash32(c.publicInputs[0]!),
    newStateRoot: toHash32(c.publicInputs[1]!),
    exitRoot: toHash32(c.publicInputs[4]!),
    publicInputs: c.publicInputs.map(toHash32),
  }
}

/** An exit and the `claimExit` arguments as `rollup_getWithdrawalProof` answers them. */
export interface ExitProofJson {
  exit: { position: Hex; recipient: Hex; tokenId: Hex; amount: Hex }
  /** `claimExit(batch, chunk, position, recipient, tokenId, amount, siblings, txListCommitment)`, as hex quantities (the recipient as an address). */
  args: [batch: Hex, chunk: Hex, position: Hex, recipient: Hex, tokenId: Hex, amount: Hex, siblings: Hex[], txListCommitment: Hex]
}

/**
 * The `claimExit` arguments of `exit` in chunk `chunk` of batch `batch` (the shape of the
 * node's `getExitProof`, JSON-encoded), checked against the chunk's exit root.
 *
 * @example
 * ```ts
 * const { args } = exitProofJson({ params, batch, chunk: 0, exit })
 * ```
 */
export function exitProofJson(params: { params: ChunkParams; batch: BatchRecord; chunk: number; exit: ExitRecord }): ExitProofJson {
  const p = params.params
  const c = params.batch.chunks[params.chunk]!
  const leaves = new Array<bigint>(p.nQueue + p.nTx).fill(0n)
  for (const e of c.exits) leaves[e.position] = exitLeafHash(e)
  const siblings = denseProof(leaves, params.exit.position, chunkLayout(p).exitDepth)
  if (computeRoot({ leaf: leaves[params.exit.position]!, index: BigInt(params.exit.position), siblings }) !== c.publicInputs[4]) {
    throw new Error(`the recorded exits of batch ${params.batch.number} chunk ${params.chunk} do not give its exit root`)
  }
  const e = params.exit
  const recipient = `0x${e.recipient.toString(16).padStart(40, '0')}` as Hex
  return {
    exit: { position: toQuantity(e.position), recipient, tokenId: toQuantity(e.tokenId), amount: toQuantity(e.amount) },
    args: [toQuantity(params.batch.number), toQuantity(params.chunk), toQuantity(e.position), recipient, toQuantity(e.tokenId), toQuantity(e.amount), siblings.map(toQuantity), toQuantity(c.publicInputs[5]!)],
  }
}
