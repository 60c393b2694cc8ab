import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProverConfigError } from '../errors.ts'
import { proverConfigFromEnv } from './proverConfig.ts'

const KEY = `0x${'22'.repeat(32)}`
const base = { CW_L1_RPC_URL: 'http://127.0.0.1:8545', CW_ROLLUP_ADDRESS: '0x5fbdb2315678afecb367f032d93f642f64180aa3', CW_DEPLOYMENT_BLOCK: '7', CW_PROVER_KEY: KEY, CW_PROVER_PROOFS: 'dev' }

const issues = (env: Record<string, string | undefined>): string[] => {
  try {
    proverConfigFromEnv(env)
  } catch (e) {
    expect(e).toBeInstanceOf(ProverConfigError)
    return (e as ProverConfigError).issues.map((i) => `${i.field}: ${i.message}`)
  }
  throw new Error('expected a ProverConfigError')
}

describe('proverConfigFromEnv', () => {
  it('reads a minimal configuration with defaults', () => {
    const c = proverConfigFromEnv(base)
    expect(c).toMatchObject({ rollup: '0x5FbDB2315678afecb367f032d93F642f64180aa3', deploymentBlock: 7n, proofs: { kind: 'groth16-dev' }, pollMs: 2000, confirmations: 2n, storePath: ':memory:', logLevel: 'info' })
  })

  it('names every missing or wrong variable at once', () => {
    expect(issues({})).toEqual([
      'CW_L1_RPC_URL: is required (the L1 JSON-RPC endpoint, http(s)://…)',
      'CW_ROLLUP_ADDRESS: is required (the rollup contract address)',
      "CW_DEPLOYMENT_BLOCK: is required (the rollup's deployment block)",
      'CW_PROVER_KEY: is required (the 32-byte hex key that signs prove/finalize transactions)',
      "CW_PROVER_WASM: is required (the chunk circuit's .wasm (or set CW_PROVER_PROOFS=dev))",
      "CW_PROVER_ZKEY: is required (the chunk circuit's proving key .zkey (or set CW_PROVER_PROOFS=dev))",
    ])
    expect(issues({ ...base, CW_L1_RPC_URL: 'localhost', CW_ROLLUP_ADDRESS: '0x12', CW_DEPLOYMENT_BLOCK: '-1', CW_PROVER_KEY: '0x1', CW_PROVER_POLL_MS: 'fast', CW_PROVER_PROOFS: 'plonk', CW_LOG_LEVEL: 'loud' })).toEqual([
      "CW_L1_RPC_URL: must be an http(s) URL, got 'localhost'",
      "CW_ROLLUP_ADDRESS: must be a 20-byte hex address, got '0x12'",
      "CW_DEPLOYMENT_BLOCK: must be an integer >= 0, got '-1'",
      'CW_PROVER_KEY: must be 0x followed by 64 hex digits',
      "CW_PROVER_PROOFS: must be groth16, dev or insecure-mock, got 'plonk'",
      "CW_PROVER_POLL_MS: must be an integer >= 10, got 'fast'",
      "CW_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'",
    ])
  })

  it('checks that the circuit files of groth16 proofs exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-prover-config-'))
    writeFileSync(join(dir, 'main.wasm'), '')
    expect(issues({ ...base, CW_PROVER_PROOFS: 'groth16', CW_PROVER_WASM: join(dir, 'main.wasm'), CW_PROVER_ZKEY: join(dir, 'missing.zkey') })).toEqual([`CW_PROVER_ZKEY: no file at '${join(dir, 'missing.zkey')}'`])
    writeFileSync(join(dir, 'main.zkey'), '')
    expect(proverConfigFromEnv({ ...base, CW_PROVER_PROOFS: 'groth16', CW_PROVER_WASM: join(dir, 'main.wasm'), CW_PROVER_ZKEY: join(dir, 'main.zkey'), CW_PROVER_STORE: '/data/prover.sqlite' })).toMatchObject({
      proofs: { kind: 'groth16', wasm: join(dir, 'main.wasm'), zkey: join(dir, 'main.zkey') },
      storePath: '/data/prover.sqlite',
    })
  })
})
