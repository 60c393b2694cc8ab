import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { ForgeError } from '../build/errors.ts'
import { L1_PATHS } from '../build/paths.ts'

/**
 * One forge test result.
 *
 * @example
 * ```ts
 * const fuzz: ForgeTestResult[] = (await runForgeTests({})).results.filter((r) => r.kind === 'fuzz')
 * ```
 */
export interface ForgeTestResult {
  /** `path:Contract`. */
  suite: string
  /** Function signature, e.g. `testFuzz_add(uint128,uint128)`. */
  test: string
  status: 'Success' | 'Failure' | 'Skipped'
  /** Failure reason forge reported (revert message, counterexample, ...). */
  reason: string | null
  kind: 'unit' | 'fuzz' | 'invariant'
  /** Gas of a unit test, mean gas of a fuzz test. */
  gas?: number
  /** Fuzz or invariant runs. */
  runs?: number
  /** Logs forge decoded (e.g. `log_named_uint` events). */
  logs: string[]
}

/**
 * The outcome of {@link runForgeTests}.
 *
 * @example
 * ```ts
 * const { passed, failed }: ForgeTestReport = await runForgeTests({ matchContract: 'PoseidonTest' })
 * ```
 */
export interface ForgeTestReport {
  results: ForgeTestResult[]
  passed: number
  failed: ForgeTestResult[]
  durationMs: number
}

/**
 * The forge executable from node_modules (`@foundry-rs/forge-<platform>-<arch>`).
 *
 * @example
 * ```ts
 * forgeBinary() // '/work/main/node_modules/@foundry-rs/forge-linux-amd64/bin/forge'
 * ```
 */
export function forgeBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  const pkg = `@foundry-rs/forge-${process.platform}-${arch}`
  try {
    const bin = join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'bin', 'forge')
    if (existsSync(bin)) return bin
  } catch {
    // fall through
  }
  throw new ForgeError({ message: `forge not found: install ${pkg} (it comes with the @foundry-rs/forge dev dependency)`, output: '' })
}

interface ForgeJsonTest {
  status: 'Success' | 'Failure' | 'Skipped'
  reason: string | null
  decoded_logs?: string[]
  kind: { Unit?: { gas: number }; Fuzz?: { runs: number; mean_gas: number }; Invariant?: { runs: number } }
}

/**
 * Runs `forge test --json` at the repository root (foundry.toml there points forge at the
 * solc-js shim, offline) and parses the results. Throws a {@link ForgeError} when forge
 * cannot run or compile (its output attached); failing tests do not throw: they are in
 * `failed`. Generated artifacts the tests read (Poseidon hashers) must be built first with
 * `compileContracts`.
 *
 * @example
 * ```ts
 * await compileContracts({})
 * const report = await runForgeTests({ matchPath: 'l1-contracts/forge/test/Poseidon.t.sol' })
 * if (report.failed.length > 0) console.error(report.failed)
 * ```
 */
export async function runForgeTests(
  params: {
    matchPath?: string
    matchContract?: string
    matchTest?: string
    /** Fuzz runs (overrides foundry.toml). */
    fuzzRuns?: number
    /** forge's `-v` count (default 2: decoded logs are reported). */
    verbosity?: number
    /** More forge arguments. */
    args?: readonly string[]
    timeoutMs?: number
  } = {},
): Promise<ForgeTestReport> {
  const { matchPath, matchContract, matchTest, fuzzRuns, verbosity = 2, args = [], timeoutMs = 120_000 } = params
  const argv = [
    'test',
    '--json',
    ...(verbosity > 0 ? [`-${'v'.repeat(verbosity)}`] : []),
    ...(matchPath ? ['--match-path', matchPath] : []),
    ...(matchContract ? ['--match-contract', matchContract] : []),
    ...(matchTest ? ['--match-test', matchTest] : []),
    ...(fuzzRuns !== undefined ? ['--fuzz-runs', String(fuzzRuns)] : []),
    ...args,
  ]
  const started = performance.now()
  const { code, stdout, stderr } = await run({ bin: forgeBinary(), argv, cwd: L1_PATHS.root, timeoutMs })
  const durationMs = performance.now() - started
  const json = stdout.slice(stdout.indexOf('{'))
  let parsed: Record<string, { test_results: Record<string, ForgeJsonTest> }>
  try {
    parsed = JSON.parse(json) as typeof parsed
  } catch {
    throw new ForgeError({ message: `forge test did not produce results (exit status ${code})`, output: `${stdout}\n${stderr}` })
  }
  const results: ForgeTestResult[] = []
  for (const [suite, { test_results }] of Object.entries(parsed)) {
    for (const [test, r] of Object.entries(test_results)) {
      const kind = r.kind.Fuzz ? 'fuzz' : r.kind.Invariant ? 'invariant' : 'unit'
      const gas = r.kind.Unit?.gas ?? r.kind.Fuzz?.mean_gas
      const runs = r.kind.Fuzz?.runs ?? r.kind.Invariant?.runs
      results.push({ suite, test, status: r.status, reason: r.reason, kind, ...(gas !== undefined ? { gas } : {}), ...(runs !== undefined ? { runs } : {}), logs: r.decoded_logs ?? [] })
    }
  }
  const failed = results.filter((r) => r.status === 'Failure')
  if (results.length === 0) throw new ForgeError({ message: 'forge ran no tests (check the match filters)', output: stderr })
  return { results, passed: results.filter((r) => r.status === 'Success').length, failed, durationMs }
}

function run(params: { bin: string; argv: readonly string[]; cwd: string; timeoutMs: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(params.bin, params.argv, { cwd: params.cwd, env: { ...process.env, NO_COLOR: '1', FOUNDRY_DISABLE_NIGHTLY_WARNING: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new ForgeError({ message: `forge test took more than ${params.timeoutMs} ms`, output: `${stdout}\n${stderr}` }))
    }, params.timeoutMs)
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(new ForgeError({ message: `could not run forge: ${e.message}`, output: '' }))
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
