import { describe, expect, it } from 'vitest'
import { chooseDataPath, GAS_PER_BLOB } from './chooseDataPath.ts'

const GWEI = 10n ** 9n

describe('chooseDataPath', () => {
  it('takes the blob when blob gas is cheap and the calldata is large', () => {
    const r = chooseDataPath({ blobExecutionGas: 90_000n, calldataGas: 2_000_000n, gasPrice: 10n * GWEI, blobBaseFee: 1n })
    expect(r.via).toBe('blob')
    expect(r.blobCost).toBe(90_000n * 10n * GWEI + GAS_PER_BLOB)
    expect(r.calldataCost).toBe(2_000_000n * 10n * GWEI)
  })

  it('takes calldata when the blob base fee makes the blob dearer', () => {
    // 131,072 blob gas at 100 gwei costs more than 1,000,000 extra execution gas at 10 gwei.
    const r = chooseDataPath({ blobExecutionGas: 90_000n, calldataGas: 1_090_000n, gasPrice: 10n * GWEI, blobBaseFee: 100n * GWEI })
    expect(r.via).toBe('calldata')
    expect(r.calldataCost < r.blobCost).toBe(true)
  })

  it('takes calldata when the alternative costs no more execution gas than the blob path plus its blob fee', () => {
    const r = chooseDataPath({ blobExecutionGas: 21_000n, calldataGas: 21_000n, gasPrice: GWEI, blobBaseFee: 1n })
    expect(r.via).toBe('calldata')
    expect(r.blobCost - r.calldataCost).toBe(GAS_PER_BLOB)
  })

  it('takes the blob on an exact tie', () => {
    // calldata pays 131,072 more execution gas at 1 wei: exactly the blob's blob gas at 1 wei.
    const r = chooseDataPath({ blobExecutionGas: 50_000n, calldataGas: 50_000n + GAS_PER_BLOB, gasPrice: 1n, blobBaseFee: 1n })
    expect(r.blobCost).toBe(r.calldataCost)
    expect(r.via).toBe('blob')
  })

  it('switches exactly where the costs cross as the blob base fee rises', () => {
    const base = { blobExecutionGas: 100_000n, calldataGas: 400_000n, gasPrice: 2n * GWEI }
    // crossing point: 131072 x fee = 300,000 x 2 gwei
    const crossing = (300_000n * 2n * GWEI) / GAS_PER_BLOB
    expect(chooseDataPath({ ...base, blobBaseFee: crossing }).via).toBe('blob')
    expect(chooseDataPath({ ...base, blobBaseFee: crossing + 1n }).via).toBe('calldata')
  })
})
