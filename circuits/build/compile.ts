// Compile a circom main file with circom2 (circom 2.2 as WASM): --O2 --r1cs --wasm --sym,
// plus --inspect, whose warnings are reported and, on request, fatal.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Logger } from '../setup/libs.ts'
import { BUILD_DIR, REPO_ROOT, fromRoot, insideRoot } from './paths.ts'

export interface CompileParams {
  /** Circuit main file (with a `component main`), absolute or relative to the repository root. */
  main: string
  /** Output folder (default build/circuits/<name>); must be inside the repository. */
  outDir?: string
  /** Library folders for `include` (-l), e.g. `node_modules` for circomlib. */
  includePaths?: string[]
  /** Run `--inspect` (default true). */
  inspect?: boolean
  /** Throw if --inspect reports any warning (default false: warnings are returned and logged). */
  failOnWarnings?: boolean
  /** Simplification level (default O2). */
  optimization?: 'O0' | 'O1' | 'O2'
  logger?: Logger
}

export interface CircuitStats {
  templateInstances?: number
  nonLinearConstraints?: number
  linearConstraints?: number
  publicInputs?: number
  privateInputs?: number
  publicOutputs?: number
  wires?: number
  labels?: number
}

export interface CompileResult {
  name: string
  main: string
  outDir: string
  r1cs: string
  wasm: string
  sym: string
  warnings: string[]
  stats: CircuitStats
  /** The exact circom2 arguments (paths relative to the repository root). */
  args: string[]
  compilerVersion: string
  wallMs: number
}

export class CircomInspectError extends Error {
  constructor(readonly warnings: string[]) {
    super(`circom --inspect reported ${warnings.length} warning(s):\n${warnings.join('\n')}`)
  }
}

// Our runner of the circom2 package: its cli.js, plus unsigned WASI pointers so that circuits
// whose compilation needs more than 2 GiB of WASM heap can write their outputs (see the file).
const CIRCOM2_RUNNER = fileURLToPath(new URL('./circom2-runner.mjs', import.meta.url))

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '')

function runCircom(args: string[], onLine?: (line: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveP, reject) => {
    const child = spawn(process.execPath, [CIRCOM2_RUNNER, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let pending = ''
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (d: string) => {
      stdout += d
      pending += d
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const l of lines) if (l.trim()) onLine?.(stripAnsi(l))
    })
    child.stderr.on('data', (d: string) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (pending.trim()) onLine?.(stripAnsi(pending))
      resolveP({ code: code ?? -1, stdout: stripAnsi(stdout), stderr: stripAnsi(stderr) })
    })
  })
}

let versionCache: string | undefined
export async function circomVersion(): Promise<string> {
  if (versionCache) return versionCache
  const r = await runCircom(['--version'])
  const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('circom2/package.json'), 'utf8')) as { version: string }
  versionCache = `circom2 npm package ${pkg.version}; ` + r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ')
  return versionCache
}

function parseStats(stdout: string): CircuitStats {
  const num = (re: RegExp) => {
    const m = stdout.match(re)
    return m ? Number(m[1]) : undefined
  }
  const stats: CircuitStats = {}
  const set = (k: keyof CircuitStats, v: number | undefined) => {
    if (v !== undefined) stats[k] = v
  }
  set('templateInstances', num(/template instances:\s*(\d+)/))
  set('nonLinearConstraints', num(/non-linear constraints:\s*(\d+)/))
  set('linearConstraints', num(/(?<!non-)linear constraints:\s*(\d+)/))
  set('publicInputs', num(/public inputs:\s*(\d+)/))
  set('privateInputs', num(/private inputs:\s*(\d+)/))
  set('publicOutputs', num(/public outputs:\s*(\d+)/))
  set('wires', num(/wires:\s*(\d+)/))
  set('labels', num(/labels:\s*(\d+)/))
  return stats
}

/** circom prints warnings as `warning[CODE]: message` followed by optional detail lines. */
export function parseWarnings(stderr: string): string[] {
  const out: string[] = []
  let cur: string[] | null = null
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd()
    if (/^warning\[/.test(line.trim())) {
      if (cur) out.push(cur.join('\n'))
      cur = [line.trim()]
    } else if (/^(error|previous errors)/.test(line.trim())) {
      if (cur) out.push(cur.join('\n'))
      cur = null
    } else if (cur && line.trim()) {
      cur.push(line)
    } else if (cur && !line.trim()) {
      out.push(cur.join('\n'))
      cur = null
    }
  }
  if (cur) out.push(cur.join('\n'))
  return out
}

export async function compileCircuit(params: CompileParams): Promise<CompileResult> {
  const t0 = performance.now()
  const log = (m: string) => params.logger?.info(`[compile] ${m}`)
  const mainAbs = fromRoot(params.main)
  if (!existsSync(mainAbs)) throw new Error(`circuit main file not found: ${mainAbs}`)
  const mainRel = insideRoot(mainAbs, 'circuit')
  const name = basename(mainAbs).replace(/\.circom$/, '')
  const outAbs = fromRoot(params.outDir ?? join(BUILD_DIR, name))
  mkdirSync(outAbs, { recursive: true })
  const outRel = insideRoot(outAbs, 'output folder')
  const includes = (params.includePaths ?? []).map((p) => insideRoot(p, 'include path'))
  const inspect = params.inspect ?? true
  const args = [mainRel, `--${params.optimization ?? 'O2'}`, '--r1cs', '--wasm', '--sym']
  if (inspect) args.push('--inspect')
  args.push('-o', outRel)
  for (const l of includes) args.push('-l', l)

  log(`circom2 ${args.join(' ')}`)
  const compilerVersion = await circomVersion()
  const r = await runCircom(args, (l) => log(l))
  const warnings = parseWarnings(r.stderr)
  if (r.code !== 0) {
    throw new Error(`circom2 failed (exit ${r.code}) on ${mainRel}:\n${r.stderr || r.stdout}`)
  }
  for (const w of warnings) {
    if (params.logger?.warn) params.logger.warn(`[compile] ${w}`)
    else log(w)
  }
  const r1cs = join(outAbs, `${name}.r1cs`)
  const wasm = join(outAbs, `${name}_js`, `${name}.wasm`)
  const sym = join(outAbs, `${name}.sym`)
  for (const f of [r1cs, wasm, sym]) if (!existsSync(f)) throw new Error(`circom2 did not write ${f}`)
  if (params.failOnWarnings && warnings.length > 0) throw new CircomInspectError(warnings)
  const wallMs = Math.round(performance.now() - t0)
  log(`${name}: ${JSON.stringify(parseStats(r.stdout))}, ${warnings.length} inspect warning(s), ${(wallMs / 1000).toFixed(1)} s`)
  return { name, main: mainRel, outDir: outAbs, r1cs, wasm, sym, warnings, stats: parseStats(r.stdout), args, compilerVersion, wallMs }
}
