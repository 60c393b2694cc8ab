import type { Logger } from 'pino'
import type { Address, PublicClient } from 'viem'
import { counterweightRollupAbi, queueEntryFromEvent } from '../../l1-contracts/index.ts'
import { nextQueueHash, queueEntryHash, type QueueEntry, type QueueOutcome } from '../../protocol/index.ts'
import type { L1Config } from '../config/index.ts'
import { L1Error, SequencerError } from '../errors/index.ts'
import { RetryExhaustedError, withRetry, type RetryPolicy } from '../node/index.ts'
import type { QueueOrigin } from '../store/queueCodec.ts'

/** What the follower needs from the sequencer. */
export interface QueueSink {
  /** Number of queue entries applied (the next position to ingest). */
  queueLength(): number
  /** Origin of the entry at `position` as stored, if it was read from L1. */
  origin(position: number): QueueOrigin | undefined
  applyQueueEntries(params: { position: number; entries: readonly QueueEntry[]; origins: readonly QueueOrigin[] }): Promise<QueueOutcome[]>
}

/** Where the follower stands. */
export interface FollowerStatus {
  /** Next L1 block to read. */
  nextBlock: bigint
  /** L1 queue length at the last poll (confirmed or not), or undefined before the first. */
  l1QueueLength: bigint | undefined
  /** Confirmed head at the last poll. */
  confirmedBlock: bigint | undefined
  /** The critical error that stopped it, if any. */
  failed: L1Error | undefined
}

const QUEUE_EVENT = counterweightRollupAbi.filter((x) => x.type === 'event' && x.name === 'QueueEntryAdded')

/**
 * The L1 queue follower: reads the rollup's `QueueEntryAdded` events once they are
 * `confirmations` blocks deep, checks each against protocol's queue chain, and applies them
 * to the sequencer in order (`applyQueueEntries`, which skips entries already applied, so an
 * entry is credited once, also across restarts: the store logs every entry durably with its
 * L1 block, block hash, time and chain value).
 *
 * Resuming: it starts at the sequencer's queue length, reading from the L1 block of the last
 * ingested entry (or `l1.fromBlock`). Reorgs shallower than `confirmations` are never seen. A
 * deeper one is detected when the L1 block of the last ingested entry no longer has the hash
 * stored with it: the follower then stops for good with the critical `L1_REORG` error (the
 * entries it ingested may be gone from L1; an operator must decide), and `onCritical` is
 * called. `eth_getLogs` ranges are at most `l1.maxBlockRange` blocks, each call retried with
 * backoff, and a range the endpoint keeps refusing is halved down to one block.
 *
 * @example
 * ```ts
 * const follower = new QueueFollower({ client, rollup, config: config.l1, sink, logger, onCritical })
 * follower.start()
 * await follower.poll() // one round, for tests
 * await follower.stop()
 * ```
 */
export class QueueFollower {
  private readonly client: PublicClient
  private readonly rollup: Address
  private readonly config: L1Config
  private readonly sink: QueueSink
  private readonly logger: Logger
  private readonly retry: RetryPolicy | undefined
  private readonly onCritical: (e: SequencerError) => void
  private nextBlock: bigint
  private l1QueueLength: bigint | undefined
  private confirmedBlock: bigint | undefined
  private failure: L1Error | undefined
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private stopped = false

  constructor(params: { client: PublicClient; rollup: Address; config: L1Config; sink: QueueSink; logger: Logger; retry?: RetryPolicy; onCritical?: (e: SequencerError) => void }) {
    this.client = params.client
    this.rollup = params.rollup
    this.config = params.config
    this.sink = params.sink
    this.logger = params.logger.child({ part: 'queue-follower' })
    this.retry = params.retry
    this.onCritical = params.onCritical ?? (() => {})
    const length = this.sink.queueLength()
    const last = length > 0 ? this.sink.origin(length - 1) : undefined
    this.nextBlock = last ? last.l1Block : this.config.fromBlock
  }

  status(): FollowerStatus {
    return { nextBlock: this.nextBlock, l1QueueLength: this.l1QueueLength, confirmedBlock: this.confirmedBlock, failed: this.failure }
  }

  /** Polls every `l1.pollMs` until {@link stop}; temporary failures are logged and retried. */
  start(): void {
    if (this.timer || this.stopped) return
    const loop = async (): Promise<void> => {
      await this.poll().catch(() => {})
      if (!this.stopped && !this.failure) this.timer = setTimeout(() => void loop(), this.config.pollMs)
    }
    this.timer = setTimeout(() => void loop(), 0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.running?.catch(() => {})
  }

  /** One round: reads confirmed queue events up to the confirmed head and applies them. One round at a time. */
  poll(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    this.running ??= this.pollOnce()
      .catch((e: unknown) => {
        if (e instanceof L1Error && e.severity === 'critical') {
          this.failure = e
          this.logger.fatal({ code: e.code }, e.message)
          this.onCritical(e)
        } else {
          this.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'queue follower: L1 read failed; retrying at the next poll')
        }
        throw e
      })
      .finally(() => {
        this.running = undefined
      })
    return this.running
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withRetry({ what, fn, policy: this.retry })
  }

  private async pollOnce(): Promise<void> {
    const head = await this.call('eth_blockNumber', () => this.client.getBlockNumber({ cacheTime: 0 }))
    this.l1QueueLength = (await this.call('queueLength()', () => this.client.readContract({ address: this.rollup, abi: counterweightRollupAbi, functionName: 'queueLength' }))) as bigint
    const target = head - BigInt(this.config.confirmations)
    this.confirmedBlock = target
    await this.checkReorg()
    let size = BigInt(this.config.maxBlockRange)
    while (this.nextBlock <= target && !this.stopped) {
      const from = this.nextBlock
      const to = from + size - 1n < target ? from + size - 1n : target
      let logs: Awaited<ReturnType<typeof this.getLogs>>
      try {
        logs = await this.getLogs(from, to)
      } catch (e) {
        if (!(e instanceof RetryExhaustedError) || to === from) throw e
        size = (to - from + 2n) / 2n
        this.logger.warn({ from: String(from), to: String(to), size: String(size) }, 'eth_getLogs failed; halving the range')
        continue
      }
      await this.ingest(logs)
      this.nextBlock = to + 1n
    }
  }

  private getLogs(fromBlock: bigint, toBlock: bigint) {
    return this.call(`eth_getLogs ${fromBlock}..${toBlock}`, () =>
      this.client.getLogs({ address: this.rollup, events: QUEUE_EVENT, fromBlock, toBlock, strict: true }),
    )
  }

  /** Stops with `L1_REORG` when the block of the last ingested entry was replaced. */
  private async checkReorg(): Promise<void> {
    const length = this.sink.queueLength()
    if (length === 0) return
    const last = this.sink.origin(length - 1)
    if (!last) return
    const block = await this.call(`eth_getBlockByNumber ${last.l1Block}`, () => this.client.getBlock({ blockNumber: last.l1Block }))
    if (block.hash !== last.l1BlockHash) {
      throw new L1Error({
        code: 'L1_REORG',
        message: `L1 block ${last.l1Block} that held queue entry ${length - 1} was replaced (hash ${last.l1BlockHash} is now ${block.hash}): a reorg deeper than the ${this.config.confirmations} confirmations; the follower stops, the ingested entries may no longer be on L1`,
      })
    }
  }

  private async ingest(logs: readonly { args: unknown; blockNumber: bigint | null; blockHash: `0x${string}` | null; logIndex: number | null }[]): Promise<void> {
    const sorted = [...logs].sort((a, b) => (a.blockNumber! < b.blockNumber! ? -1 : a.blockNumber! > b.blockNumber! ? 1 : a.logIndex! - b.logIndex!))
    const entries: QueueEntry[] = []
    const origins: QueueOrigin[] = []
    let next = this.sink.queueLength()
    const first = next
    let previousHash = next > 0 ? this.sink.origin(next - 1)?.queueHash : 0n
    for (const log of sorted) {
      const e = queueEntryFromEvent(log.args as never)
      if (e.position < BigInt(next)) continue
      if (e.position !== BigInt(next)) {
        throw new L1Error({ code: 'L1_QUEUE_MISMATCH', message: `L1 queue entry ${e.position} follows entry ${next - 1}: entries ${next}..${e.position - 1n} were not read` })
      }
      if (previousHash !== undefined) {
        const expected = nextQueueHash(previousHash, queueEntryHash(e.entry))
        if (expected !== e.queueHash) {
          throw new L1Error({ code: 'L1_QUEUE_MISMATCH', message: `L1 queue entry ${e.position} has chain value ${e.queueHash}, protocol computes ${expected}` })
        }
      }
      previousHash = e.queueHash
      entries.push(e.entry)
      origins.push({ l1Block: log.blockNumber!, l1BlockHash: log.blockHash!, timestamp: e.timestamp, queueHash: e.queueHash })
      next++
    }
    if (entries.length === 0) return
    await this.sink.applyQueueEntries({ position: first, entries, origins })
    this.logger.info({ from: first, count: entries.length }, 'L1 queue entries applied')
  }
}
