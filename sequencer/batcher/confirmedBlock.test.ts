import { describe, expect, it } from 'vitest'
import { confirmedBlock } from './confirmedBlock.ts'

describe('confirmedBlock', () => {
  it('is confirmations blocks below the head once the chain is long enough', () => {
    expect(confirmedBlock({ head: 200n, confirmations: 32, fromBlock: 80n })).toBe(168n)
    expect(confirmedBlock({ head: 200n, confirmations: 0, fromBlock: 80n })).toBe(200n)
  })

  it('never goes below the deployment block (a chain shorter than the confirmations read a negative block before)', () => {
    expect(confirmedBlock({ head: 20n, confirmations: 32, fromBlock: 0n })).toBe(0n)
    expect(confirmedBlock({ head: 100n, confirmations: 32, fromBlock: 80n })).toBe(80n)
    expect(confirmedBlock({ head: 112n, confirmations: 32, fromBlock: 80n })).toBe(80n)
  })
})
