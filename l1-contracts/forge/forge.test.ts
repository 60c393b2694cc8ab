import { beforeAll, describe, expect, it } from 'vitest'
import { compileContracts } from '../build/compile.ts'
import { runForgeTests, type ForgeTestReport } from './runForgeTests.ts'

describe('forge through the solc-js shim', () => {
  let report: ForgeTestReport
  beforeAll(async () => {
    await compileContracts({})
    report = await runForgeTests({})
  }, 180_000)

  it('runs every forge test and all pass', () => {
    const failures = report.failed.map((f) => `${f.suite}::${f.test}: ${f.reason}`)
    expect(failures).toEqual([])
    expect(report.passed).toBeGreaterThanOrEqual(13)
  })

  it('ran fuzz tests (256 runs) and an invariant test', () => {
    const fuzz = report.results.filter((r) => r.kind === 'fuzz')
    expect(fuzz.length).toBeGreaterThanOrEqual(3)
    for (const f of fuzz) expect(f.runs).toBe(256)
    expect(report.results.some((r) => r.kind === 'invariant' && r.status === 'Success')).toBe(true)
  })

  it('reports Poseidon gas measured in Solidity', () => {
    const gas = report.results.find((r) => r.test === 'test_gas()')
    expect(gas?.logs.join('\n')).toMatch(/PoseidonT3 hash2/)
    console.log(`forge: ${report.passed} passed in ${(report.durationMs / 1000).toFixed(1)} s\n  ${gas?.logs.join('\n  ')}`)
  })
})
