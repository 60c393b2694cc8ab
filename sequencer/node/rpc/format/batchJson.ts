import type { Hex } from 'viem'
import { bigintToAddress, type ExitLeaf } from '../../../../protocol/index.ts'
import { toHash32, toQuantity } from '../../../rpc/hex.ts'
import type { BatchJson as SequencerBatchJson, ChunkJson as SequencerChunkJson } from '../../../rpc/format/batchJson.ts'
import type { BatchView } from '../../read/getBatch.ts'
import type { BatchStatus } from '../../store/nodeStore.ts'

/** An exit (withdrawal, forced withdrawal, refund) of a chunk, as JSON. */
export interface ExitJson {
  position: Hex
  recipient: Hex
  tokenId: Hex
  amount: Hex
}

/**
 * One chunk as the node's `rollup_getBatch` answers it: the sequencer's `ChunkJson` fields
 * (without `feeAccounts`, which the node does not keep; the applied-only ones null before the
 * batch is applied), plus its exits.
 */
export interface ChunkJson extends Omit<SequencerChunkJson, 'feeAccounts' | 'queueStart' | 'queueCount' | 'firstSequence' | 'transactionCount'> {
  queueStart: Hex | null
  queueCount: Hex | null
  firstSequence: Hex | null
  transactionCount: Hex | null
  exits: ExitJson[]
}

/**
 * What the node's `rollup_getBatch` answers: the sequencer's `BatchJson` fields (`status` is
 * `finalized` or `committed`: the node reads L1; the applied-only ones null until applied),
 * plus what the node knows: `nodeStatus` (`waiting`, `applied`, `unavailable`, `rejected`)
 * with `reason`/`message`, the checks it ran, and where L1 holds the commitment and its data.
 */
export interface BatchJson extends Omit<SequencerBatchJson, 'status' | 'queueStart' | 'firstSequence' | 'transactionCount' | 'l1' | 'chunks'> {
  status: 'committed' | 'finalized'
  queueStart: Hex | null
  firstSequence: Hex | null
  transactionCount: Hex | null
  l1: { transactionHash: Hex; blockNumber: Hex; via: 'blob' | 'calldata'; blockHash: Hex; timestamp: Hex; committer: Hex; dataHash: Hex }
  chunks: ChunkJson[]
  nodeStatus: BatchStatus
  /** `full` or `proven` (docs/node.md, "Checks"), once applied. */
  checks: 'full' | 'proven' | null
  /** Why it is unavailable or rejected. */
  reason: string | null
  message: string | null
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
 * A committed batch as the node's `rollup_getBatch` answers it, with its chunks' public
 * inputs and exits.
 *
 * @example
 * ```ts
 * batchJson({ batch: getBatch(node, { batch: 3n })!, exits: (chunk) => node.context.store.exits(3n, chunk) })
 * ```
 */
export function batchJson(params: { batch: BatchView; exits: (chunk: number) => ExitLeaf[] }): BatchJson {
  const b = params.batch
  const applied = b.status === 'applied'
  let queue = b.queueStart
  return {
    number: toQuantity(b.number),
    status: b.finalized ? 'finalized' : 'committed',
    stateRoot: toHash32(b.stateRoot),
    queueStart: q(b.queueStart),
    queueEnd: toQuantity(b.queueEnd),
    firstSequence: q(b.firstSeq),
    transactionCount: q(b.txCount),
    l1: {
      transactionHash: b.txHash,
      blockNumber: toQuantity(b.block),
      via: b.calldataDA ? 'calldata' : 'blob',
      blockHash: b.blockHash,
      timestamp: toQuantity(b.blockTime),
      committer: b.committer.toLowerCase() as Hex,
      dataHash: b.dataHash,
    },
    chunks: b.chunks.map((c) => {
      const queueStart = queue
      if (queue !== undefined && c.queueCount !== undefined) queue += BigInt(c.queueCount)
      return {
        index: toQuantity(c.chunk),
        queueStart: applied ? q(queueStart) : null,
        queueCount: q(c.queueCount),
        firstSequence: q(c.firstSeq),
        transactionCount: q(c.txCount),
        oldStateRoot: toHash32(c.publicInputs[0]!),
        newStateRoot: toHash32(c.publicInputs[1]!),
        exitRoot: toHash32(c.publicInputs[4]!),
        publicInputs: c.publicInputs.map(toHash32),
        exits: applied ? params.exits(c.chunk).map(exitJson) : [],
      }
    }),
    nodeStatus: b.status,
    checks: b.checks ?? null,
    reason: b.reason ?? null,
    message: b.message ?? null,
  }
}
