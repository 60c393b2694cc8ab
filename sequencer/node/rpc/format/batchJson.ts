import type { Hex } from 'viem'
import { bigintToAddress } from '../../../../protocol/index.ts'
import { toHash32, toQuantity } from '../../../rpc/hex.ts'
import type { BatchStatus } from '../../store/nodeStore.ts'
import type { ExitLeaf } from '../../../../protocol/index.ts'
import type { BatchView } from '../../read/getBatch.ts'

/** An exit (withdrawal, forced withdrawal, refund) of a chunk, as JSON. */
export interface ExitJson {
  position: Hex
  recipient: Hex
  tokenId: Hex
  amount: Hex
}

/** One chunk of a batch: what L1 recorded for it (`ChunkCommitted`), and once applied what it held. */
export interface ChunkJson {
  chunk: Hex
  publicInputs: { oldStateRoot: Hex; newStateRoot: Hex; oldQueueHash: Hex; newQueueHash: Hex; exitRoot: Hex; txListCommitment: Hex; dataCommitment: Hex; domain: Hex }
  queueCount: Hex | null
  firstSequence: Hex | null
  transactionCount: Hex | null
  exits: ExitJson[]
}

/** What `rollup_getBatch` answers. */
export interface BatchJson {
  number: Hex
  status: BatchStatus
  finalized: boolean
  l1: { blockNumber: Hex; blockHash: Hex; timestamp: Hex; transactionHash: Hex }
  committer: Hex
  dataHash: Hex
  da: 'blob' | 'calldata'
  chunkCount: Hex
  queueStart: Hex | null
  queueEnd: Hex
  stateRoot: Hex
  firstSequence: Hex | null
  transactionCount: Hex | null
  /** `full` or `proven` (see docs/node.md, "Checks"), once applied. */
  checks: 'full' | 'proven' | null
  /** Why it is unavailable or rejected. */
  reason: string | null
  message: string | null
  chunks: ChunkJson[]
}

const q = (v: bigint | number | undefined): Hex | null => (v === undefined ? null : toQuantity(v))

/**
 * An exit as JSON (hex quantities, the recipient as an address).
 *
 * @example
 * ```ts
 * exitJson({ position: 5, recipient: 0xabcn, tokenId: 0n, amount: 10n })
 * ```
 */
export function exitJson(e: ExitLeaf): ExitJson {
  return { position: toQuantity(e.position), recipient: bigintToAddress(e.recipient), tokenId: toQuantity(e.tokenId), amount: toQuantity(e.amount) }
}

/**
 * A committed batch as `rollup_getBatch` answers it, with its chunks' public inputs and exits.
 *
 * @example
 * ```ts
 * batchJson({ batch: getBatch(node, { batch: 3n })!, exits: (chunk) => node.context.store.exits(3n, chunk) })
 * ```
 */
export function batchJson(params: { batch: BatchView; exits: (chunk: number) => ExitLeaf[] }): BatchJson {
  const b = params.batch
  return {
    number: toQuantity(b.number),
    status: b.status,
    finalized: b.finalized,
    l1: { blockNumber: toQuantity(b.block), blockHash: b.blockHash, timestamp: toQuantity(b.blockTime), transactionHash: b.txHash },
    committer: b.committer.toLowerCase() as Hex,
    dataHash: b.dataHash,
    da: b.calldataDA ? 'calldata' : 'blob',
    chunkCount: toQuantity(b.chunkCount),
    queueStart: q(b.queueStart),
    queueEnd: toQuantity(b.queueEnd),
    stateRoot: toHash32(b.stateRoot),
    firstSequence: q(b.firstSeq),
    transactionCount: q(b.txCount),
    checks: b.checks ?? null,
    reason: b.reason ?? null,
    message: b.message ?? null,
    chunks: b.chunks.map((c) => {
      const [oldStateRoot, newStateRoot, oldQueueHash, newQueueHash, exitRoot, txListCommitment, dataCommitment, domain] = c.publicInputs.map(toHash32)
      return {
        chunk: toQuantity(c.chunk),
        publicInputs: { oldStateRoot: oldStateRoot!, newStateRoot: newStateRoot!, oldQueueHash: oldQueueHash!, newQueueHash: newQueueHash!, exitRoot: exitRoot!, txListCommitment: txListCommitment!, dataCommitment: dataCommitment!, domain: domain! },
        queueCount: q(c.queueCount),
        firstSequence: q(c.firstSeq),
        transactionCount: q(c.txCount),
        exits: b.status === 'applied' ? params.exits(c.chunk).map(exitJson) : [],
      }
    }),
  }
}
