import { describe, expect, it } from 'vitest'
import { L1_TX_CONFIG_DEFAULTS } from './L1TxConfig.ts'
import { bumpFees, initialFees, type FeeMarket, type TxFees } from './l1Fees.ts'

const GWEI = 10n ** 9n
const rules = { ...L1_TX_CONFIG_DEFAULTS, maxFeePerGasCap: 100n * GWEI, maxFeePerBlobGasCap: 50n * GWEI }
const market: FeeMarket = { baseFeePerGas: 10n * GWEI, priorityFeePerGas: 2n * GWEI, blobBaseFee: 3n * GWEI }

describe('initialFees', () => {
  it('is tip + 2 x base fee, and twice the blob base fee for blobs', () => {
    const { fees, capped } = initialFees({ market, blob: true, rules })
    expect(fees).toEqual({ maxPriorityFeePerGas: 2n * GWEI, maxFeePerGas: 22n * GWEI, maxFeePerBlobGas: 6n * GWEI })
    expect(capped).toEqual([])
    expect(initialFees({ market, blob: false, rules }).fees.maxFeePerBlobGas).toBeUndefined()
  })

  it('raises each part to its minimum', () => {
    const { fees } = initialFees({ market: { baseFeePerGas: 7n, priorityFeePerGas: 0n, blobBaseFee: 1n }, blob: true, rules })
    expect(fees).toEqual({ maxPriorityFeePerGas: GWEI, maxFeePerGas: 3n * GWEI, maxFeePerBlobGas: GWEI })
  })

  it('holds each field at its cap and says which', () => {
    const { fees, capped } = initialFees({ market: { baseFeePerGas: 80n * GWEI, priorityFeePerGas: 200n * GWEI, blobBaseFee: 40n * GWEI }, blob: true, rules })
    expect(fees).toEqual({ maxFeePerGas: 100n * GWEI, maxPriorityFeePerGas: 100n * GWEI, maxFeePerBlobGas: 50n * GWEI })
    expect(capped).toEqual(['maxFeePerGas', 'maxFeePerBlobGas'])
  })
})

describe('bumpFees', () => {
  const atLeast = (next: bigint, prev: bigint, percent: bigint): boolean => next * 100n >= prev * (100n + percent)

  it('raises both fields of a normal transaction by at least 10% when the market has not moved', () => {
    const previous = initialFees({ market, blob: false, rules }).fees
    const next = bumpFees({ previous, market, rules })
    expect(next.kind).toBe('replace')
    if (next.kind !== 'replace') return
    expect(atLeast(next.fees.maxFeePerGas, previous.maxFeePerGas, 10n)).toBe(true)
    expect(atLeast(next.fees.maxPriorityFeePerGas, previous.maxPriorityFeePerGas, 10n)).toBe(true)
    expect(next.fees.maxFeePerBlobGas).toBeUndefined()
  })

  it('rounds the bump up so that odd values still pass the replacement check', () => {
    const next = bumpFees({ previous: { maxFeePerGas: 1_000_000_001n, maxPriorityFeePerGas: 999_999_999n }, market: { baseFeePerGas: 0n, priorityFeePerGas: 0n, blobBaseFee: 0n }, rules: { ...rules, minBaseFeePerGas: 0n, minPriorityFeePerGas: 0n } })
    if (next.kind !== 'replace') throw new Error('expected a replacement')
    expect(atLeast(next.fees.maxFeePerGas, 1_000_000_001n, 10n)).toBe(true)
    expect(atLeast(next.fees.maxPriorityFeePerGas, 999_999_999n, 10n)).toBe(true)
    expect(next.fees.maxFeePerGas).toBe(1_100_000_002n)
  })

  it('doubles all three fields of a blob transaction', () => {
    const previous = initialFees({ market, blob: true, rules }).fees
    const next = bumpFees({ previous, market, rules })
    if (next.kind !== 'replace') throw new Error('expected a replacement')
    expect(atLeast(next.fees.maxFeePerGas, previous.maxFeePerGas, 100n)).toBe(true)
    expect(atLeast(next.fees.maxPriorityFeePerGas, previous.maxPriorityFeePerGas, 100n)).toBe(true)
    expect(atLeast(next.fees.maxFeePerBlobGas!, previous.maxFeePerBlobGas!, 100n)).toBe(true)
  })

  it('follows the market when it rose more than the bump', () => {
    const previous = initialFees({ market, blob: false, rules }).fees
    const next = bumpFees({ previous, market: { ...market, baseFeePerGas: 30n * GWEI }, rules })
    if (next.kind !== 'replace') throw new Error('expected a replacement')
    expect(next.fees.maxFeePerGas).toBe(62n * GWEI)
  })

  it('holds a replacement at the cap when the bump fits under it', () => {
    const previous: TxFees = { maxFeePerGas: 90n * GWEI, maxPriorityFeePerGas: 2n * GWEI }
    const next = bumpFees({ previous, market: { ...market, baseFeePerGas: 70n * GWEI }, rules })
    if (next.kind !== 'replace') throw new Error('expected a replacement')
    expect(next.fees.maxFeePerGas).toBe(rules.maxFeePerGasCap)
    expect(atLeast(next.fees.maxFeePerGas, previous.maxFeePerGas, 10n)).toBe(true)
  })

  it('answers atCap, never a fee above the cap, when the minimum bump would exceed it', () => {
    const previous: TxFees = { maxFeePerGas: 95n * GWEI, maxPriorityFeePerGas: 2n * GWEI }
    const next = bumpFees({ previous, market, rules })
    expect(next).toMatchObject({ kind: 'atCap', fields: ['maxFeePerGas'] })
    const blob = bumpFees({ previous: { maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI, maxFeePerBlobGas: 30n * GWEI }, market, rules })
    expect(blob).toMatchObject({ kind: 'atCap', fields: ['maxFeePerBlobGas'] })
  })
})
