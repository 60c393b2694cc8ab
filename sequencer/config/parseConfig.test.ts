import { describe, expect, it } from 'vitest'
import { DEVNET_PARAMS } from '../../protocol/index.ts'
import { ConfigError } from '../errors/index.ts'
import { configFromEnv, parseConfig } from './index.ts'

const KEY = `0x${'11'.repeat(32)}`
const minimal = { chainId: 31337, rollupAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3', sequencerKey: KEY, dbPath: '/tmp/x.db', params: 'test' }

function issuesOf(input: unknown): string[] {
  try {
    parseConfig(input)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    expect((e as ConfigError).severity).toBe('critical')
    return (e as ConfigError).issues.map((i) => `${i.field}: ${i.message}`)
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  it('fills defaults and normalizes', () => {
    const c = parseConfig(minimal)
    expect(c.chainId).toBe(31337n)
    expect(c.l2ChainId).toBe(31337n)
    expect(c.rollupAddress).toBe('0x5fbdb2315678afecb367f032d93f642f64180aa3')
    expect(c.params.depth).toBe(8)
    expect(c.synchronous).toBe('FULL')
    expect(c.http.bodyLimitBytes).toBe(262_144)
    expect(c.workers).toBeGreaterThanOrEqual(1)
    expect(c.inlineVerifyPercent).toBe(25)
    expect(parseConfig({ ...minimal, inlineVerifyPercent: 0 }).inlineVerifyPercent).toBe(0)
    expect(issuesOf({ ...minimal, inlineVerifyPercent: 101 })).toEqual(['inlineVerifyPercent: must be an integer from 0 to 100, got 101'])
  })

  it('reports every missing required field at once', () => {
    const issues = issuesOf({})
    expect(issues.map((i) => i.split(':')[0])).toEqual(['chainId', 'rollupAddress', 'sequencerKey', 'dbPath', 'params'])
    expect(issues[0]).toContain('is required')
  })

  it('names the field, the expectation and the value', () => {
    expect(issuesOf({ ...minimal, chainId: 'abc' })).toEqual(["chainId: must be an integer from 1 to 18446744073709551615 (decimal or 0x hex), got \"abc\""])
    expect(issuesOf({ ...minimal, http: { port: 70000 } })).toEqual(['http.port: must be an integer from 0 to 65535, got 70000'])
    expect(issuesOf({ ...minimal, rollupAddress: '0x1234' })[0]).toContain('must be a 20-byte 0x-prefixed hex address, got "0x1234"')
    expect(issuesOf({ ...minimal, rollupAddress: `0x${'0'.repeat(40)}` })[0]).toContain('zero address')
    expect(issuesOf({ ...minimal, params: 'huge' })[0]).toContain('must be one of test, devnet, production')
    expect(issuesOf({ ...minimal, params: { depth: 99, nTx: 4, nQueue: 2, nFee: 1 } })[0]).toContain('tree depth 99 is out of range')
    expect(issuesOf({ ...minimal, synchronous: 'OFF' })[0]).toContain('must be one of FULL, NORMAL, got "OFF"')
    expect(issuesOf({ ...minimal, dbPath: ':memory:' })[0]).toContain('must be a file path')
  })

  it('refuses bad keys without echoing them', () => {
    const secret = `0x${'ff'.repeat(32)}` // above the curve order
    const issues = issuesOf({ ...minimal, sequencerKey: secret })
    expect(issues[0]).toContain('not a valid secp256k1 private key')
    expect(issues.join()).not.toContain('ffff')
    expect(issuesOf({ ...minimal, sequencerKey: `0x${'00'.repeat(32)}` })[0]).toContain('not a valid')
    expect(issuesOf({ ...minimal, sequencerKey: 'nope' })[0]).toContain('a string of 4 characters')
  })

  it('refuses unknown fields, with a hint for a wrong case', () => {
    expect(issuesOf({ ...minimal, chainID: 1 })[0]).toMatch(/^chainID: unknown field \(did you mean 'chainId'\?\)/)
    expect(issuesOf({ ...minimal, http: { prot: 1 } })[0]).toMatch(/^http\.prot: unknown field/)
  })

  it('checks relations between fields', () => {
    expect(issuesOf({ ...minimal, limits: { maxPendingPerAccount: 10, maxPendingTotal: 5 } })[0]).toContain('must not exceed limits.maxPendingTotal (5)')
    expect(issuesOf({ ...minimal, http: { headersTimeoutMs: 20_000 } })[0]).toContain('must not exceed http.requestTimeoutMs')
  })

  it('reads per-token minimum fees', () => {
    const c = parseConfig({ ...minimal, fees: { minFee: '0x10', minFeeByToken: { '1': '100' } } })
    expect(c.fees.minFee).toBe(16n)
    expect(c.fees.minFeeByToken.get(1n)).toBe(100n)
    expect(issuesOf({ ...minimal, fees: { minFeeByToken: { x: 1 } } })[0]).toContain('fees.minFeeByToken.x (token id)')
  })
})

describe('configFromEnv', () => {
  it('reads CW_* variables and names them in errors', () => {
    const env = { CW_CHAIN_ID: '31337', CW_ROLLUP_ADDRESS: minimal.rollupAddress, CW_SEQUENCER_KEY: KEY, CW_DB_PATH: '/tmp/a.db', CW_PARAMS: 'devnet', CW_HTTP_PORT: '9000' }
    const c = configFromEnv(env)
    expect(c.http.port).toBe(9000)
    expect(c.params).toEqual(DEVNET_PARAMS)
    expect(() => configFromEnv({ ...env, CW_HTTP_PORT: 'eighty' })).toThrow('http.port (CW_HTTP_PORT): must be an integer from 0 to 65535, got "eighty"')
    expect(configFromEnv({ ...env, CW_PARAMS: '{"depth":10,"nTx":4,"nQueue":2,"nFee":1}' }).params.depth).toBe(10)
  })
})
