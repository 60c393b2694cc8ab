import type { SequencerMetrics } from '../metrics/sequencerMetrics.ts'
import type { Journal } from '../store/Journal.ts'
import type { BlockRow } from '../store/rows.ts'
import { blockHash, blockTxRoot } from './blockHash.ts'

/**
 * Seals L2 blocks at a fixed interval: each block holds the transactions accepted since the
 * one before (possibly none), in sequence order, and is appended to the durable log after
 * them. A block becomes the latest (for `eth_blockNumber` and the rest) once its commit is
 * durable, which implies its transactions are.
 *
 * @example
 * ```ts
 * const sealer = new BlockSealer({ journal, latest: store.latestBlock(), open: [], intervalMs: 1000 })
 * mempool.onAdmitted = (seq, hash) => sealer.add(seq, hash)
 * sealer.start()
 * ```
 */
export class BlockSealer {
  private readonly journal: Journal
  private readonly intervalMs: number
  private readonly now: () => number
  private readonly metrics: SequencerMetrics | undefined
  private open: { seq: number; hash: Uint8Array }[]
  /** The last block sealed (maybe not yet durable). */
  private head: BlockRow
  private durableHead: BlockRow
  private timer: NodeJS.Timeout | undefined
  private readonly listeners: ((block: BlockRow) => void)[] = []

  constructor(params: {
    journal: Journal
    /** The latest durable block (from the store). */
    latest: BlockRow
    /** Transactions accepted after it (from the store, at start). */
    open: { seq: number; hash: Uint8Array }[]
    intervalMs: number
    now?: () => number
    metrics?: SequencerMetrics
  }) {
    this.journal = params.journal
    this.intervalMs = params.intervalMs
    this.now = params.now ?? Date.now
    this.metrics = params.metrics
    this.open = [...params.open]
    this.head = params.latest
    this.durableHead = params.latest
    this.journal.onCommit((_heads, committed) => {
      const last = committed.blocks.at(-1)
      if (!last) return
      for (const b of committed.blocks) for (const l of this.listeners) l(b)
      this.durableHead = last
    })
  }

  /** The latest durable block. */
  get latest(): BlockRow {
    return this.durableHead
  }

  /** Transactions accepted since the last sealed block. */
  get openCount(): number {
    return this.open.length
  }

  /** Records an accepted transaction (its hash as 32 bytes, `hashToBytes`) for the block being filled. */
  add(seq: number, hash: Uint8Array): void {
    const expected = this.head.firstSeq + this.head.txCount + this.open.length
    if (seq !== expected) throw new Error(`block sealer got sequence number ${seq}, expected ${expected}`)
    this.open.push({ seq, hash })
  }

  /** Seals the block being filled now (even if empty) and returns it; durable later. */
  seal(): BlockRow {
    const parent = this.head
    const txs = this.open
    this.open = []
    const base = {
      number: parent.number + 1,
      parentHash: parent.hash,
      timestamp: Math.max(Math.floor(this.now() / 1000), parent.timestamp),
      firstSeq: parent.firstSeq + parent.txCount,
      txCount: txs.length,
      txRoot: blockTxRoot(txs.map((t) => t.hash)),
    }
    const row: BlockRow = { ...base, hash: blockHash(base) }
    this.head = row
    this.journal.appendBlock(row)
    this.metrics?.blocksSealed.inc()
    return row
  }

  /** Calls `listener` for every block once it is durable; returns how to stop. */
  onBlock(listener: (block: BlockRow) => void): () => void {
    this.listeners.push(listener)
    return () => {
      const i = this.listeners.indexOf(listener)
      if (i >= 0) this.listeners.splice(i, 1)
    }
  }

  /** Seals every `intervalMs`. */
  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => {
      if (!this.journal.failed) this.seal()
    }, this.intervalMs)
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }
}
