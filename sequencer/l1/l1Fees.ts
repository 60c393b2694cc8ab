import type { L1TxConfig } from './L1TxConfig.ts'

/**
 * The fee fields of one EIP-1559 (type-2) or EIP-4844 (type-3) transaction, in wei.
 *
 * @example
 * ```ts
 * const fees: TxFees = { maxFeePerGas: 3n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n }
 * ```
 */
export interface TxFees {
  maxFeePerGas: bigint
  maxPriorityFeePerGas: bigint
  /** Present on blob transactions only. */
  maxFeePerBlobGas?: bigint
}

/**
 * What L1 charges now: the latest base fee, the suggested tip (`eth_maxPriorityFeePerGas`) and
 * the blob base fee (`eth_blobBaseFee`).
 *
 * @example
 * ```ts
 * const market: FeeMarket = { baseFeePerGas: 10n ** 9n, priorityFeePerGas: 10n ** 9n, blobBaseFee: 1n }
 * ```
 */
export interface FeeMarket {
  baseFeePerGas: bigint
  priorityFeePerGas: bigint
  blobBaseFee: bigint
}

/** The settings the fee rules read. @example bumpFees({ previous, market, rules: config satisfies FeeRules }) */
export type FeeRules = Pick<
  L1TxConfig,
  'feeBumpPercent' | 'blobFeeBumpPercent' | 'minPriorityFeePerGas' | 'minBaseFeePerGas' | 'minFeePerBlobGas' | 'maxFeePerGasCap' | 'maxFeePerBlobGasCap'
>

/** A fee field that a cap held down. @example manager.status().pending[0]?.atFeeCap // ['maxFeePerBlobGas'] */
export type CappedField = 'maxFeePerGas' | 'maxFeePerBlobGas'

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b)
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)
/** `ceil(value x (100 + percent) / 100)`: what geth's replacement check needs at least. */
const bumped = (value: bigint, percent: number): bigint => (value * BigInt(100 + percent) + 99n) / 100n

function marketFees(params: { market: FeeMarket; blob: boolean; rules: FeeRules }): Required<TxFees> {
  const { market, rules } = params
  const tip = max(market.priorityFeePerGas, rules.minPriorityFeePerGas)
  const base = max(market.baseFeePerGas, rules.minBaseFeePerGas)
  return { maxPriorityFeePerGas: tip, maxFeePerGas: tip + 2n * base, maxFeePerBlobGas: max(2n * market.blobBaseFee, rules.minFeePerBlobGas) }
}

/**
 * The fees of a first attempt, after op-batcher: tip = max(suggested tip, minimum),
 * `maxFeePerGas` = tip + 2 x max(base fee, minimum), `maxFeePerBlobGas` = max(2 x blob base
 * fee, minimum); each held at or below its cap (the tip at or below `maxFeePerGas`). `capped`
 * names the fields a cap held down (the transaction may wait until the market comes down).
 *
 * @example
 * ```ts
 * const { fees, capped } = initialFees({ market, blob: true, rules: config })
 * ```
 */
export function initialFees(params: { market: FeeMarket; blob: boolean; rules: FeeRules }): { fees: TxFees; capped: CappedField[] } {
  const { rules, blob } = params
  const want = marketFees(params)
  const capped: CappedField[] = []
  const maxFeePerGas = min(want.maxFeePerGas, rules.maxFeePerGasCap)
  if (maxFeePerGas < want.maxFeePerGas) capped.push('maxFeePerGas')
  const fees: TxFees = { maxFeePerGas, maxPriorityFeePerGas: min(want.maxPriorityFeePerGas, maxFeePerGas) }
  if (blob) {
    fees.maxFeePerBlobGas = min(want.maxFeePerBlobGas, rules.maxFeePerBlobGasCap)
    if (fees.maxFeePerBlobGas < want.maxFeePerBlobGas) capped.push('maxFeePerBlobGas')
  }
  return { fees, capped }
}

/**
 * The fees of a replacement at the same nonce. Every field is raised to at least
 * `ceil(previous x (100 + bump) / 100)` (bump: `feeBumpPercent` for normal transactions,
 * `blobFeeBumpPercent` for blob ones, where geth's blob pool wants all three fields doubled)
 * and to the current market if that is higher, then held at its cap. When the minimum bump
 * itself would exceed a cap, there is no valid replacement: the answer is `atCap` with the
 * fields at fault, and the caller keeps waiting with the transaction it has.
 *
 * @example
 * ```ts
 * const next = bumpFees({ previous, market, rules: config })
 * if (next.kind === 'atCap') logger.warn({ fields: next.fields }, 'fee cap reached')
 * ```
 */
export function bumpFees(params: { previous: TxFees; market: FeeMarket; rules: FeeRules }): { kind: 'replace'; fees: TxFees } | { kind: 'atCap'; fields: CappedField[]; needed: TxFees } {
  const { previous, rules } = params
  const blob = previous.maxFeePerBlobGas !== undefined
  const percent = blob ? rules.blobFeeBumpPercent : rules.feeBumpPercent
  const needed: TxFees = { maxFeePerGas: bumped(previous.maxFeePerGas, percent), maxPriorityFeePerGas: bumped(previous.maxPriorityFeePerGas, percent) }
  if (blob) needed.maxFeePerBlobGas = bumped(previous.maxFeePerBlobGas!, percent)
  const fields: CappedField[] = []
  if (needed.maxFeePerGas > rules.maxFeePerGasCap) fields.push('maxFeePerGas')
  if (blob && needed.maxFeePerBlobGas! > rules.maxFeePerBlobGasCap) fields.push('maxFeePerBlobGas')
  if (fields.length > 0) return { kind: 'atCap', fields, needed }
  const want = marketFees({ market: params.market, blob, rules })
  const maxFeePerGas = min(max(needed.maxFeePerGas, want.maxFeePerGas), rules.maxFeePerGasCap)
  // needed tip <= needed maxFeePerGas <= maxFeePerGas, so the tip keeps its bump under the clamp.
  const fees: TxFees = { maxFeePerGas, maxPriorityFeePerGas: min(max(needed.maxPriorityFeePerGas, want.maxPriorityFeePerGas), maxFeePerGas) }
  if (blob) fees.maxFeePerBlobGas = min(max(needed.maxFeePerBlobGas!, want.maxFeePerBlobGas), rules.maxFeePerBlobGasCap)
  return { kind: 'replace', fees }
}
