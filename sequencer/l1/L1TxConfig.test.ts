import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/index.ts'
import { L1_TX_CONFIG_DEFAULTS, l1TxConfig, l1TxConfigFromEnv } from './L1TxConfig.ts'

describe('l1TxConfig', () => {
  it('fills in the defaults and reads decimal strings', () => {
    const c = l1TxConfigFromEnv({ CW_L1_CONFIRMATIONS: '3', CW_L1_MAX_FEE_PER_GAS_CAP_WEI: '200000000000' })
    expect(c).toEqual({ ...L1_TX_CONFIG_DEFAULTS, confirmations: 3, maxFeePerGasCap: 200_000_000_000n })
  })

  it('reports every wrong field at once, named by its variable', () => {
    let error: unknown
    try {
      l1TxConfigFromEnv({ CW_L1_FEE_BUMP_PERCENT: '5', CW_L1_MAX_FEE_PER_BLOB_GAS_CAP_WEI: '1.5', CW_L1_CONFIRMATIONS: '0' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const fields = (error as ConfigError).issues.map((i) => i.field)
    expect(fields).toEqual(['l1.confirmations (CW_L1_CONFIRMATIONS)', 'l1.feeBumpPercent (CW_L1_FEE_BUMP_PERCENT)', 'l1.maxFeePerBlobGasCap (CW_L1_MAX_FEE_PER_BLOB_GAS_CAP_WEI)'])
  })

  it('refuses unknown fields and a cap below the minimum fee', () => {
    expect(() => l1TxConfig({ input: { confirmation: 1 } })).toThrow(/l1.confirmation: unknown field/)
    expect(() => l1TxConfig({ input: { maxFeePerGasCap: 2n * 10n ** 9n } })).toThrow(/maxFeePerGasCap: is 2000000000 wei, below the minimum fee/)
  })
})
