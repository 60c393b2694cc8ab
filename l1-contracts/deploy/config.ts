import { parseEther } from 'viem'

/**
 * The timing and economics of a deployment, in seconds and wei. Everything here is immutable
 * once deployed (docs/contracts.md).
 *
 * @example
 * ```ts
 * const s: RollupSettings = { ...ROLLUP_SETTINGS.devnet, minBond: 0n }
 * ```
 */
export interface RollupSettings {
  /** A commit that leaves an entry older than this unconsumed is refused; after it, anyone may commit-and-prove. */
  inclusionDelay: bigint
  /** A batch unproven this long after its commit may be reverted by anyone. */
  proofWindow: bigint
  /** An entry unconsumed by finalized batches this long lets anyone start escape mode; > inclusionDelay + proofWindow. */
  escapeDelay: bigint
  /** Sequencer handover timelock; at least 30 days (the contract refuses less). */
  handoverDelay: bigint
  /** Delay between a bond withdrawal request and the payout. */
  bondWithdrawalDelay: bigint
  /** Bond the sequencer must hold to commit. */
  minBond: bigint
  /** Queue fee per entry at a small backlog (wei). */
  queueFeeBase: bigint
  /** Backlog (entries not yet consumed by a committed batch) per doubling of the fee; 128 doublings is the cap. */
  queueFeeStep: bigint
}

const DAY = 86_400n

/**
 * Presets. `test` and `devnet` use seconds-scale delays; `production` uses hours, well under
 * the 12 h / 24 h challenge periods of the optimistic rollups the protocol brief compares with.
 * The production queue fee (0.0005 ETH) is about what proving one queue slot costs on L1
 * (~45,000 gas at 10 gwei); flooding 10 steps of 256 entries costs over 130 ETH.
 *
 * @example
 * ```ts
 * ROLLUP_SETTINGS.production.escapeDelay // 28800n (8 h)
 * ```
 */
export const ROLLUP_SETTINGS = {
  test: {
    inclusionDelay: 60n,
    proofWindow: 120n,
    escapeDelay: 600n,
    handoverDelay: 30n * DAY,
    bondWithdrawalDelay: 3_600n,
    minBond: parseEther('1'),
    queueFeeBase: parseEther('0.001'),
    queueFeeStep: 16n,
  },
  devnet: {
    inclusionDelay: 60n,
    proofWindow: 600n,
    escapeDelay: 1_800n,
    handoverDelay: 30n * DAY,
    bondWithdrawalDelay: 3_600n,
    minBond: parseEther('1'),
    queueFeeBase: parseEther('0.0001'),
    queueFeeStep: 64n,
  },
  production: {
    inclusionDelay: 3_600n,
    proofWindow: 4n * 3_600n,
    escapeDelay: 8n * 3_600n,
    handoverDelay: 30n * DAY,
    bondWithdrawalDelay: 7n * DAY,
    minBond: parseEther('10'),
    queueFeeBase: parseEther('0.0005'),
    queueFeeStep: 256n,
  },
} as const satisfies Record<string, RollupSettings>
