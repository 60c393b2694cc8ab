import type { Logger } from 'pino'
import { encodeFunctionData, type Address, type PublicClient } from 'viem'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import type { L1Receipt, L1Sender } from './L1Sender.ts'

/** The bond as one L1 block saw it (`availableBond`: deposited, not requested for withdrawal). */
export interface BondAt {
  available: bigint
  block: bigint
}

/**
 * Keeps the sequencer's bond on L1 topped up: when a reading of `availableBond(sequencer)` is
 * below `below` wei, sends `depositBond` with `to - available` wei through the L1 sender (the
 * L1 transaction manager: durable, fee-bumped), one top-up at a time, keyed by the L1 block of
 * the reading (`bond-topup:<block>`: resending the same key never pays twice). A slash takes
 * `minBond` at a time, so `below` should be at least twice `minBond`: the sequencer then tops
 * up before `BondGuard` must refuse transactions. Failures are logged and retried at the next
 * poll.
 *
 * @example
 * ```ts
 * const keeper = BondTopUp.fromClient({ client, sender: l1TxManager, rollup, sequencer, below: 2n * minBond, to: 4n * minBond, logger })
 * await keeper.poll() // the receipt of a top-up, or undefined
 * ```
 */
export class BondTopUp {
  private readonly read: () => Promise<BondAt>
  private readonly sender: L1Sender
  private readonly rollup: Address
  private readonly below: bigint
  private readonly to: bigint
  private readonly logger: Logger
  private inFlight: Promise<L1Receipt | undefined> | undefined

  constructor(params: { read: () => Promise<BondAt>; sender: L1Sender; rollup: Address; below: bigint; to: bigint; logger: Logger }) {
    if (params.to < params.below) throw new RangeError(`the top-up target ${params.to} is below the threshold ${params.below}`)
    this.read = params.read
    this.sender = params.sender
    this.rollup = params.rollup
    this.below = params.below
    this.to = params.to
    this.logger = params.logger.child({ part: 'bond-top-up' })
  }

  /**
   * A keeper reading the rollup through a viem client at the latest block.
   *
   * @example
   * ```ts
   * const keeper = BondTopUp.fromClient({ client, sender, rollup, sequencer: address, below, to, logger })
   * ```
   */
  static fromClient(params: { client: PublicClient; sender: L1Sender; rollup: Address; sequencer: Address; below: bigint; to: bigint; logger: Logger }): BondTopUp {
    const { client, rollup, sequencer } = params
    const read = async (): Promise<BondAt> => {
      const block = await client.getBlockNumber()
      const available = await client.readContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'availableBond', args: [sequencer], blockNumber: block })
      return { available, block }
    }
    return new BondTopUp({ read, sender: params.sender, rollup, below: params.below, to: params.to, logger: params.logger })
  }

  /** Reads the bond once and tops it up when below the threshold; joins a top-up in flight. */
  poll(): Promise<L1Receipt | undefined> {
    this.inFlight ??= this.once().finally(() => {
      this.inFlight = undefined
    })
    return this.inFlight
  }

  /** Waits for a top-up in flight, if any (never starts one). */
  async settle(): Promise<void> {
    await this.inFlight
  }

  private async once(): Promise<L1Receipt | undefined> {
    let r: BondAt
    try {
      r = await this.read()
    } catch (e) {
      this.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'could not read the bond')
      return undefined
    }
    if (r.available >= this.below) return undefined
    const value = this.to - r.available
    this.logger.warn({ available: r.available.toString(), below: this.below.toString(), value: value.toString() }, 'bond below the top-up threshold: depositing')
    try {
      const receipt = await this.sender.send({ key: `bond-topup:${r.block}`, to: this.rollup, data: encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'depositBond' }), value })
      if (receipt.status !== 'success') this.logger.error({ tx: receipt.transactionHash }, 'the bond top-up reverted')
      else this.logger.info({ tx: receipt.transactionHash, value: value.toString() }, 'bond topped up')
      return receipt
    } catch (e) {
      this.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'the bond top-up failed; retrying at the next poll')
      return undefined
    }
  }
}
