import type { Logger } from 'pino'
import type { Address, PublicClient } from 'viem'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import { UnavailableError } from '../errors/index.ts'

/**
 * The sequencer's bond on L1 as last read: what is available and what committing needs.
 *
 * @example
 * ```ts
 * const r: BondReading | undefined = guard.reading // { available: 10n ** 18n, minimum: 10n ** 18n }
 * ```
 */
export interface BondReading {
  available: bigint
  minimum: bigint
}

/**
 * Refuses new preconfirmations while the sequencer's bond on L1 is below the rollup's
 * `minBond`: a promise it makes then could not be backed by a slashable bond, and its batches
 * could not be committed. Reads `availableBond(sequencer)` and `minBond()` every `pollMs`;
 * before the first reading, and when a read fails, it keeps what it knew (a failing L1
 * endpoint does not stop the sequencer; the failure is logged).
 *
 * @example
 * ```ts
 * const guard = BondGuard.fromClient({ client, rollup, sequencer, pollMs: 2000, logger })
 * guard.start()
 * guard.check() // throws UnavailableError (UNAVAILABLE) while the bond is too low
 * ```
 */
export class BondGuard {
  private readonly read: () => Promise<BondReading>
  private readonly pollMs: number
  private readonly logger: Logger
  private last: BondReading | undefined
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined

  constructor(params: { read: () => Promise<BondReading>; pollMs: number; logger: Logger }) {
    this.read = params.read
    this.pollMs = params.pollMs
    this.logger = params.logger.child({ part: 'bond-guard' })
  }

  /**
   * A guard reading the rollup through a viem client.
   *
   * @example
   * ```ts
   * const guard = BondGuard.fromClient({ client, rollup: config.rollupAddress, sequencer: address, pollMs: config.l1.pollMs, logger })
   * ```
   */
  static fromClient(params: { client: PublicClient; rollup: Address; sequencer: Address; pollMs: number; logger: Logger }): BondGuard {
    const { client, rollup, sequencer } = params
    const read = async (): Promise<BondReading> => {
      const [available, minimum] = await Promise.all([
        client.readContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'availableBond', args: [sequencer] }),
        client.readContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'minBond' }),
      ])
      return { available, minimum }
    }
    return new BondGuard({ read, pollMs: params.pollMs, logger: params.logger })
  }

  /** The last reading, if any. */
  get reading(): BondReading | undefined {
    return this.last
  }

  /** Reads the bond once (what the timer does). */
  async poll(): Promise<void> {
    try {
      const r = await this.read()
      const wasLow = this.last !== undefined && this.last.available < this.last.minimum
      const isLow = r.available < r.minimum
      if (isLow && !wasLow) this.logger.error({ available: r.available.toString(), minimum: r.minimum.toString() }, 'bond below the minimum: refusing new transactions')
      if (!isLow && wasLow) this.logger.info({ available: r.available.toString() }, 'bond back above the minimum: accepting transactions')
      this.last = r
    } catch (e) {
      this.logger.warn({ err: e }, 'could not read the bond; keeping the last reading')
    }
  }

  /** Throws an {@link UnavailableError} with code `BOND_TOO_LOW` when the last reading is below the minimum. */
  check(): void {
    const r = this.last
    if (r && r.available < r.minimum) {
      throw new UnavailableError(`the sequencer's bond on L1 is ${r.available} wei, below the minimum ${r.minimum}: it makes no new promises until it is topped up`, undefined, 'BOND_TOO_LOW')
    }
  }

  /** Polls now and then every `pollMs`. */
  start(): void {
    if (this.timer) return
    const tick = (): void => {
      this.running = this.poll().finally(() => {
        this.running = undefined
        if (this.timer) this.timer = setTimeout(tick, this.pollMs)
      })
    }
    this.timer = setTimeout(tick, 0)
  }

  /** Stops polling and waits for a read in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.running
  }
}
