import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/index.ts'
import { configFromEnv, parseConfig } from './index.ts'

const KEY = `0x${'11'.repeat(32)}`
const minimal = { chainId: 31337, rollupAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3', sequencerKey: KEY, dbPath: '/tmp/x.db', params: 'test' }
const env = { CW_CHAIN_ID: '31337', CW_ROLLUP_ADDRESS: minimal.rollupAddress, CW_SEQUENCER_KEY: KEY, CW_DB_PATH: '/tmp/x.db', CW_PARAMS: 'test' }

function issuesOf(f: () => unknown): string[] {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).issues.map((i) => `${i.field}: ${i.message}`)
  }
  throw new Error('expected a ConfigError')
}

describe('L1 and batcher configuration', () => {
  it('defaults: no L1 endpoint, two confirmations, one-minute batches', () => {
    const c = parseConfig(minimal)
    expect(c.l1).toEqual({ rpcUrl: undefined, confirmations: 2, pollMs: 2000, maxBlockRange: 2000, fromBlock: 0n })
    expect(c.batcher).toEqual({ maxBatchAgeMs: 60_000, maxChunks: 32, deadlineMarginSeconds: 300, feeAccounts: new Map(), dataPath: 'cheaper' })
  })

  it('reads the CW_L1_* and CW_BATCH_* variables, fee accounts as token:account pairs', () => {
    const c = configFromEnv({ ...env, CW_L1_RPC_URL: 'http://127.0.0.1:8545', CW_L1_CONFIRMATIONS: '12', CW_L1_FROM_BLOCK: '0x10', CW_BATCH_MAX_AGE_MS: '5000', CW_FEE_ACCOUNTS: '0:5, 1:9' })
    expect(c.l1).toMatchObject({ rpcUrl: 'http://127.0.0.1:8545', confirmations: 12, fromBlock: 16n })
    expect(c.batcher.maxBatchAgeMs).toBe(5000)
    expect([...c.batcher.feeAccounts]).toEqual([
      [0n, 5n],
      [1n, 9n],
    ])
  })

  it('reads CW_BATCH_DATA_PATH: blob forces the blob path, anything but cheaper or blob is refused by name', () => {
    expect(configFromEnv({ ...env, CW_BATCH_DATA_PATH: 'blob' }).batcher.dataPath).toBe('blob')
    expect(issuesOf(() => configFromEnv({ ...env, CW_BATCH_DATA_PATH: 'calldata' }))[0]).toMatch(/^batcher\.dataPath \(CW_BATCH_DATA_PATH\): /)
  })

  it('bond top-up: off by default; CW_BOND_TOPUP_BELOW_WEI / _TO_WEI read once, the target defaults to twice the threshold and must exceed it', () => {
    expect(parseConfig(minimal).bond).toEqual({ topUpBelowWei: 0n, topUpToWei: 0n })
    expect(configFromEnv({ ...env, CW_BOND_TOPUP_BELOW_WEI: '2000000000000000000' }).bond).toEqual({ topUpBelowWei: 2n * 10n ** 18n, topUpToWei: 4n * 10n ** 18n })
    expect(configFromEnv({ ...env, CW_BOND_TOPUP_BELOW_WEI: '100', CW_BOND_TOPUP_TO_WEI: '250' }).bond).toEqual({ topUpBelowWei: 100n, topUpToWei: 250n })
    expect(issuesOf(() => configFromEnv({ ...env, CW_BOND_TOPUP_BELOW_WEI: '100', CW_BOND_TOPUP_TO_WEI: '100' })).join('\n')).toMatch(/CW_BOND_TOPUP_TO_WEI.*must be above/)
    expect(issuesOf(() => configFromEnv({ ...env, CW_BOND_TOPUP_BELOW_WEI: 'lots' })).join('\n')).toMatch(/CW_BOND_TOPUP_BELOW_WEI/)
  })

  it('names the variable of a bad value', () => {
    expect(issuesOf(() => configFromEnv({ ...env, CW_L1_RPC_URL: 'localhost:8545' }))).toEqual(['l1.rpcUrl (CW_L1_RPC_URL): must be an http(s) or ws(s) URL, got "localhost:8545"'])
    expect(issuesOf(() => configFromEnv({ ...env, CW_L1_CONFIRMATIONS: '-1' }))).toEqual(['l1.confirmations (CW_L1_CONFIRMATIONS): must be an integer from 0 to 1000, got "-1"'])
    expect(issuesOf(() => configFromEnv({ ...env, CW_FEE_ACCOUNTS: '0=5' }))[0]).toMatch(/^batcher\.feeAccounts \(CW_FEE_ACCOUNTS\): must be a list token:account/)
    expect(issuesOf(() => parseConfig({ ...minimal, batcher: { feeAccounts: { 0: 256 } } }))).toEqual(['batcher.feeAccounts: account indices must be from 1 to 2^8 - 1'])
  })

  it('refuses batches that would outlive the preconfirmation deadline', () => {
    expect(issuesOf(() => parseConfig({ ...minimal, preconfDeadlineSeconds: 60, batcher: { maxBatchAgeMs: 60_000 } }))[0]).toMatch(/^batcher\.maxBatchAgeMs: must be below preconfDeadlineSeconds \(60 s\)/)
  })
})
