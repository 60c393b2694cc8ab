/**
 * A synthetic rollup history for benchmarks and fast tests (TESTS AND BENCHMARKS ONLY):
 * deposits that create accounts, then full batches of transfers, transfers to L1 and
 * withdrawals, encoded as blobs, with the L1 events a node would read (queue entries, chunk
 * public inputs, batch commitments, finalizations). The claims are computed with the node's
 * fast replay; `replayChunkFast.test.ts` and the benchmark check it against protocol.
 */
import { keccak256, toHex, type Address, type Hex, type Kzg } from 'viem'
import {
  FIRST_SEQUENCE,
  NO_KEY,
  QUEUE_KIND,
  RECORD_TYPE,
  RollupState,
  chunkLayout,
  encodeBatchElements,
  elementsToBlob,
  maxChunksPerBlob,
  nextQueueHash,
  queueEntryFields,
  queueEntryHash,
  slotsOf,
  type ChunkData,
  type ChunkParams,
  type DaTx,
  type QueueEntry,
} from '../../../protocol/index.ts'
import type { Prng } from '../../../protocol/transition/testWorld.ts'
import { versionedHashOf } from '../blobs/versionedHash.ts'
import type { RollupConfigView } from '../l1/l1Reader.ts'
import type { EventLocation, RollupEvent } from '../l1/rollupEvent.ts'
import { replayChunkFast } from '../replay/replayChunkFast.ts'
import { NodeState } from '../state/nodeState.ts'
import { blockHash } from './memoryL1Reader.ts'

/** A synthetic history: what L1 holds, and what the node must end with. */
export interface SyntheticHistory {
  config: RollupConfigView
  rollup: Address
  chainId: number
  events: RollupEvent[]
  /** Blobs by versioned hash. */
  blobs: Map<string, Uint8Array>
  /** Per batch: its chunks' data, public inputs and blob, and the root after it. */
  batches: { number: bigint; chunks: ChunkData[]; claims: bigint[][]; blob: Uint8Array; versionedHash: Hex; root: bigint; txs: number; deposits: number; block: bigint }[]
  /** The state after every batch (a plain protocol state, with real proofs). */
  state: NodeState
}

/**
 * Builds `accounts` deposits (batches of deposit-only chunks) then `transferBatches` full
 * batches of L2 transactions between them (95% transfers, 3% transfers to an existing L1
 * account, 2% withdrawals, each with a fee to account 1). Each batch is in its own block, and
 * is finalized in the next block when `finalize` is true. Versioned hashes are real when a
 * `kzg` is given (the node checks them), else keccak stand-ins (use the node with `kzg: false`).
 *
 * @example
 * ```ts
 * const h = syntheticHistory({ params: PRODUCTION_PARAMS, accounts: 10_000, transferBatches: 2, r: prng(1), kzg: loadKzg() })
 * ```
 */
export function syntheticHistory(params: {
  params: ChunkParams
  accounts: number
  transferBatches: number
  r: Prng
  kzg?: Pick<Kzg, 'blobToKzgCommitment'>
  finalize?: boolean
  /** Chunks per transfer batch (default: a full blob). */
  chunksPerBatch?: number
}): SyntheticHistory {
  const p = params.params
  const { r } = params
  const layout = chunkLayout(p)
  const domain = 0xd0d0n
  const rollup: Address = '0x00000000000000000000000000000000000c0ffe'
  const config: RollupConfigView = { params: p, domain, genesisStateRoot: new RollupState({ depth: p.depth }).root }
  const state = new NodeState({ depth: p.depth })
  const events: RollupEvent[] = []
  const blobs = new Map<string, Uint8Array>()
  const batches: SyntheticHistory['batches'] = []
  const perBlob = params.chunksPerBatch ?? maxChunksPerBlob(p)
  const users = Math.min(params.accounts, 500)
  const userAddress = (u: number): bigint => 0x10000n + BigInt(u)

  let block = 1n
  let queueHash = 0n
  let position = 0n
  let seq = FIRST_SEQUENCE
  let batchNumber = 0n
  let chainStart = 0n
  const loc = (logIndex: number, tx: string): EventLocation => ({ blockNumber: block, blockHash: blockHash(block), transactionHash: keccak256(toHex(`${tx}:${block}:${logIndex}`)), transactionIndex: logIndex, logIndex })

  const commit = (chunks: ChunkData[], entries: QueueEntry[]): void => {
    batchNumber++
    // queue events first, in this block
    let logIndex = 0
    for (const e of entries) {
      queueHash = nextQueueHash(queueHash, queueEntryHash(e))
      events.push({ kind: 'queue', at: loc(logIndex++, 'queue'), position: position++, fields: queueEntryFields(e), queueHash, timestamp: 1000n + block })
    }
    const elements = encodeBatchElements({ params: p, chunks })
    const blob = elementsToBlob(elements)
    const versionedHash = params.kzg ? versionedHashOf({ commitment: params.kzg.blobToKzgCommitment(blob) }) : (`0x01${keccak256(blob).slice(4)}` as Hex)
    blobs.set(versionedHash.toLowerCase(), blob)
    const layer = state.beginBatch()
    const claims: bigint[][] = []
    let q = 0
    let startHash = chainStart
    let txs = 0
    for (const [k, data] of chunks.entries()) {
      const own = entries.slice(q, q + data.queueCount)
      const c = replayChunkFast({ state: layer.state, params: p, domain, data, queue: { entries: own, startHash }, firstSeq: seq, elements: elements.slice(1 + k * layout.chunkElements, 1 + (k + 1) * layout.chunkElements) })
      c.state.commit()
      claims.push([c.oldStateRoot!, c.newStateRoot!, c.oldQueueHash, c.newQueueHash, c.exitRoot, c.txListCommitment!, c.dataCommitment!, domain])
      q += data.queueCount
      startHash = c.newQueueHash
      seq += BigInt(c.txCount)
      txs += c.txCount
    }
    chainStart = startHash
    state.apply(layer)
    const root = state.head.root
    const tx = loc(logIndex, 'commit').transactionHash
    for (const [k, pi] of claims.entries()) events.push({ kind: 'chunk', at: { ...loc(logIndex++, 'commit'), transactionHash: tx }, batch: batchNumber, chunk: k, publicInputs: pi })
    events.push({ kind: 'batch', at: { ...loc(logIndex++, 'commit'), transactionHash: tx }, batch: batchNumber, committer: rollup, dataHash: versionedHash, calldataDA: false, chunkCount: chunks.length, queueEnd: position, newStateRoot: root })
    batches.push({ number: batchNumber, chunks, claims, blob, versionedHash, root, txs, deposits: entries.length, block })
    block++
    if (params.finalize ?? true) {
      events.push({ kind: 'finalized', at: loc(0, 'finalize'), batch: batchNumber, stateRoot: root, queueEnd: position })
      block++
    }
  }

  // Deposits: nQueue per chunk, a blob's worth of chunks per batch.
  for (let made = 0; made < params.accounts; ) {
    const entries: QueueEntry[] = []
    const chunks: ChunkData[] = []
    while (chunks.length < maxChunksPerBlob(p) && made < params.accounts) {
      const n = Math.min(p.nQueue, params.accounts - made)
      for (let i = 0; i < n; i++, made++) {
        entries.push({ kind: QUEUE_KIND.DEPOSIT, sender: userAddress(made % users), toIndex: 0n, tokenId: 0n, amount: 10n ** 21n, publicKey: made % 50 === 49 ? NO_KEY : { x: BigInt(made + 1), y: 7n } })
      }
      chunks.push({ queueCount: n, feeAccounts: new Array<bigint>(p.nFee).fill(0n), txs: [] })
    }
    commit(chunks, entries)
  }

  // Transfers between keyed accounts.
  const keyed = Array.from({ length: params.accounts }, (_, i) => BigInt(i + 1)).filter((i) => Number(i) % 50 !== 0)
  for (let b = 0; b < params.transferBatches; b++) {
    const chunks: ChunkData[] = []
    for (let k = 0; k < perBlob; k++) {
      const txs: DaTx[] = []
      let slots = 0
      while (slots < p.nTx) {
        const from = r.pick(keyed)
        const amount = BigInt(1 + r.int(999)) * 10n ** 9n
        const fee = 10n ** 9n
        const roll = r.int(100)
        let tx: DaTx = { type: RECORD_TYPE.TRANSFER, from, to: BigInt(1 + r.int(params.accounts)), amount, fee }
        if (roll < 2) tx = { type: RECORD_TYPE.WITHDRAW, from, to: 0n, amount, fee, address: 0xabc000n + BigInt(r.int(1000)) }
        else if (roll < 5) tx = { type: RECORD_TYPE.TRANSFER_TO_L1_EXISTING, from, to: BigInt(1 + r.int(params.accounts)), amount, fee }
        const need = slotsOf(tx.type, layout)
        if (slots + need > p.nTx) tx = { type: RECORD_TYPE.TRANSFER, from, to: BigInt(1 + r.int(params.accounts)), amount, fee }
        txs.push(tx)
        slots += slotsOf(tx.type, layout)
      }
      chunks.push({ queueCount: 0, feeAccounts: [1n, ...new Array<bigint>(p.nFee - 1).fill(0n)], txs })
    }
    commit(chunks, [])
  }
  return { config, rollup, chainId: 31337, events, blobs, batches, state }
}
