import { describe, expect, it } from 'vitest'
import { storageLayouts, type StorageEntry } from './storageLayouts.ts'

const dir = 'l1-contracts/src/rollup'
const slotOf = ({ label, slot, offset, type }: StorageEntry) => ({ label, slot, offset, type })

/**
 * `EscapeHatch` runs by delegatecall on `CounterweightRollup`'s storage: every variable it can
 * touch must sit at the same slot, offset and type in both, and it must declare none of its own
 * (its bitmaps live in a namespaced slot), or it would write over the rollup's other parts.
 */
describe('EscapeHatch storage layout', () => {
  it("is exactly RollupBase's, which is the start of the rollup's", async () => {
    const [hatch, base, rollup] = await storageLayouts({
      contracts: [
        { source: `${dir}/EscapeHatch.sol`, contract: 'EscapeHatch' },
        { source: `${dir}/RollupBase.sol`, contract: 'RollupBase' },
        { source: `${dir}/CounterweightRollup.sol`, contract: 'CounterweightRollup' },
      ],
    })
    expect(base!.length).toBeGreaterThan(5)
    expect(rollup!.length).toBeGreaterThan(base!.length)
    expect(hatch!.map(slotOf)).toEqual(base!.map(slotOf))
    expect(rollup!.slice(0, base!.length).map(slotOf)).toEqual(base!.map(slotOf))
  }, 120_000)

  it('names a contract it cannot find', async () => {
    await expect(storageLayouts({ contracts: [{ source: `${dir}/EscapeHatch.sol`, contract: 'NoSuchContract' }] })).rejects.toThrow(/no contract NoSuchContract/)
  }, 120_000)
})
