// The circuit build pipelines: compile -> setup (insecure dev or production) -> export ->
// manifest, and `checkBuild`, which rebuilds from a manifest's inputs and compares hashes.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { devSetup, type DevSetupResult } from '../setup/dev-zkey.ts'
import { snarkjsVersion, type Logger } from '../setup/libs.ts'
import { prodSetup, verifyZkey, type ProdContribution, type ProdSetupResult } from '../setup/prod-setup.ts'
import { readR1cs } from '../setup/r1cs.ts'
import { circuitPower } from '../setup/field.ts'
import { compileCircuit, type CompileResult } from './compile.ts'
import { exportKeys, proveAndVerify, type ExportResult, type SmokeProofResult } from './export.ts'
import {
  MANIFEST_SCHEMA,
  checkOnDisk,
  fileEntry,
  readManifest,
  sha256File,
  writeManifest,
  type ArtifactKind,
  type FileCheck,
  type Manifest,
} from './manifest.ts'
import { BUILD_DIR, REPO_ROOT, fromRoot, insideRoot } from './paths.ts'

export const INSECURE_WARNING =
  'INSECURE DEVELOPMENT SETUP: the toxic waste is derived from a public seed; anyone can forge proofs. Never use in production.'

export interface BuildParams {
  main: string
  includePaths?: string[]
  /** Default build/circuits/<name>. */
  outDir?: string
  inspect?: boolean
  failOnWarnings?: boolean
  optimization?: 'O0' | 'O1' | 'O2'
  logger?: Logger
  threads?: number
  /** Optional witness input: run groth16.fullProve + verify on the result. */
  input?: Record<string, unknown>
}

export interface BuildResult {
  manifestPath: string
  manifest: Manifest
  compile: CompileResult
  exported: ExportResult
  zkey: string
  smoke?: SmokeProofResult
}

function circuitInfo(r1csPath: string) {
  const h = readR1cs(r1csPath).header
  const nPublic = h.nOutputs + h.nPubInputs
  const power = circuitPower(h.nConstraints, nPublic)
  return { nConstraints: h.nConstraints, nVars: h.nWires, nPublic, power, domainSize: 2 ** power }
}

async function filesOf(dir: string, c: CompileResult, zkey: string, ex: ExportResult): Promise<Manifest['files']> {
  return {
    r1cs: await fileEntry(dir, c.r1cs),
    wasm: await fileEntry(dir, c.wasm),
    sym: await fileEntry(dir, c.sym),
    zkey: await fileEntry(dir, zkey),
    vkey: await fileEntry(dir, ex.vkey),
    verifier: await fileEntry(dir, ex.verifier),
  }
}

function compileSection(params: BuildParams, c: CompileResult): Manifest['compile'] {
  return {
    main: c.main,
    includePaths: (params.includePaths ?? []).map((p) => insideRoot(p, 'include path')),
    args: c.args,
    failOnWarnings: !!params.failOnWarnings,
    compiler: c.compilerVersion,
    inspectWarnings: c.warnings,
  }
}

async function smoke(params: BuildParams, c: CompileResult, zkey: string, ex: ExportResult): Promise<SmokeProofResult | undefined> {
  if (!params.input) return undefined
  const r = await proveAndVerify({ wasm: c.wasm, zkey, vkey: ex.vkey, input: params.input })
  params.logger?.info(`[smoke] groth16 fullProve ${r.proveMs} ms, verify ${r.verifyMs} ms: ${r.verified ? 'VALID' : 'INVALID'}`)
  if (!r.verified) throw new Error('smoke proof did not verify')
  return r
}

/** compile -> INSECURE dev setup -> export -> manifest (insecure: true). */
export async function buildDev(params: BuildParams & { label?: string }): Promise<BuildResult> {
  const c = await compileCircuit({ ...params })
  const outDir = c.outDir
  const stem = `${c.name}.insecure-dev`
  const zkey = join(outDir, `${stem}.zkey`)
  const s: DevSetupResult = await devSetup({ r1cs: c.r1cs, zkey, label: params.label, threads: params.threads, logger: params.logger })
  const ex = await exportKeys({ zkey, outDir, stem, insecure: true, logger: params.logger })
  const manifest: Manifest = {
    schema: MANIFEST_SCHEMA,
    name: c.name,
    setup: 'insecure-dev',
    insecure: true,
    warning: INSECURE_WARNING,
    compile: compileSection(params, c),
    circuit: circuitInfo(c.r1cs),
    setupParams: {
      kind: 'insecure-dev',
      label: s.label,
      tauBeacon: s.tauBeacon,
      deltaBeacon: s.deltaBeacon,
      beaconIterationsExp: s.beaconIterationsExp,
      contributionName: s.contributionName,
      circuitHash: s.circuitHash,
      contributionHash: s.contributionHash,
      reproduceWithSnarkjs: [
        `snarkjs powersoftau new bn128 ${s.power + 1} p0.ptau`,
        `snarkjs powersoftau beacon p0.ptau p1.ptau ${s.tauBeacon} 10`,
        `snarkjs powersoftau prepare phase2 p1.ptau final.ptau`,
        `snarkjs zkey new ${basename(c.r1cs)} final.ptau z0.zkey`,
        `snarkjs zkey beacon z0.zkey ${basename(zkey)} ${s.deltaBeacon} 10 -n="${s.contributionName}"`,
      ],
    },
    tools: { snarkjs: snarkjsVersion(), node: process.version },
    files: await filesOf(outDir, c, zkey, ex),
  }
  const manifestPath = join(outDir, `${stem}.manifest.json`)
  writeManifest(manifestPath, manifest)
  params.logger?.info(`[build] ${manifestPath} (INSECURE dev setup)`)
  const res: BuildResult = { manifestPath, manifest, compile: c, exported: ex, zkey }
  const sm = await smoke(params, c, zkey, ex)
  if (sm) res.smoke = sm
  return res
}

/** compile -> snarkjs phase 2 on a given ptau (contributions + beacon) -> zkey verify -> export -> manifest. */
export async function buildProd(
  params: BuildParams & { ptau: string; contributions: ProdContribution[]; beacon?: { hashHex: string; iterationsExp?: number } },
): Promise<BuildResult & { setup: ProdSetupResult }> {
  const c = await compileCircuit({ ...params })
  const outDir = c.outDir
  const zkey = join(outDir, `${c.name}.zkey`)
  const ptau = fromRoot(params.ptau)
  const setupParams: Parameters<typeof prodSetup>[0] = { r1cs: c.r1cs, ptau, zkey, contributions: params.contributions }
  if (params.beacon) setupParams.beacon = params.beacon
  if (params.logger) setupParams.logger = params.logger
  const s = await prodSetup(setupParams)
  const ex = await exportKeys({ zkey, outDir, stem: c.name, logger: params.logger })
  const setupInfo: Manifest['setupParams'] = {
    kind: 'production',
    ptau: await fileEntry(outDir, ptau),
    circuitHash: s.circuitHash,
    contributions: s.contributions,
  }
  if (s.beacon) setupInfo.beacon = s.beacon
  const manifest: Manifest = {
    schema: MANIFEST_SCHEMA,
    name: c.name,
    setup: 'production',
    insecure: false,
    compile: compileSection(params, c),
    circuit: circuitInfo(c.r1cs),
    setupParams: setupInfo,
    tools: { snarkjs: snarkjsVersion(), node: process.version },
    files: await filesOf(outDir, c, zkey, ex),
  }
  const manifestPath = join(outDir, `${c.name}.manifest.json`)
  writeManifest(manifestPath, manifest)
  params.logger?.info(`[build] ${manifestPath} (production setup, ${s.contributions.length} contribution(s))`)
  const res = { manifestPath, manifest, compile: c, exported: ex, zkey, setup: s }
  const sm = await smoke(params, c, zkey, ex)
  return sm ? { ...res, smoke: sm } : res
}

export interface CheckResult {
  ok: boolean
  manifest: string
  setup: Manifest['setup']
  files: FileCheck[]
  /** Production only: snarkjs zkey verify of the on-disk zkey against the rebuilt r1cs and the ptau. */
  zkeyVerified?: boolean | null
  notes: string[]
}

/**
 * Rebuild everything a manifest describes in a temporary folder (inside build/, since circom2
 * only sees the repository) and compare hashes; also check the files on disk.
 * A dev setup must reproduce bit for bit. A production zkey cannot be rebuilt (its entropy is
 * gone): its hash is checked on disk, its vkey and verifier are re-exported from it, and it is
 * verified with snarkjs against the rebuilt r1cs and the recorded ptau if that is present.
 */
export async function checkBuild(
  manifestPath: string,
  opts: { logger?: Logger; threads?: number; keepTemp?: boolean; /** false: only hash the files on disk */ rebuild?: boolean } = {},
): Promise<CheckResult> {
  const log = (m: string) => opts.logger?.info(`[check] ${m}`)
  const mPath = resolve(manifestPath)
  const m = readManifest(mPath)
  const mDir = dirname(mPath)
  const files = await checkOnDisk(mPath, m)
  const byKind = new Map(files.map((f) => [f.kind, f]))
  const notes: string[] = []
  let zkeyVerified: boolean | null | undefined
  if (opts.rebuild === false) {
    notes.push('on-disk hashes only (no rebuild)')
  } else {
    mkdirSync(join(REPO_ROOT, 'build'), { recursive: true })
    const tmp = mkdtempSync(join(REPO_ROOT, 'build', 'check-'))
    try {
    const opt = (['O0', 'O1', 'O2'] as const).find((o) => m.compile.args.includes(`--${o}`)) ?? 'O2'
    const c = await compileCircuit({
      main: m.compile.main,
      outDir: join(tmp, 'out'),
      includePaths: m.compile.includePaths,
      inspect: m.compile.args.includes('--inspect'),
      failOnWarnings: m.compile.failOnWarnings,
      optimization: opt,
      logger: opts.logger,
    })
    const rebuilt = new Map<ArtifactKind, string>()
    rebuilt.set('r1cs', await sha256File(c.r1cs))
    rebuilt.set('wasm', await sha256File(c.wasm))
    rebuilt.set('sym', await sha256File(c.sym))
    if (m.setupParams.kind === 'insecure-dev') {
      const stem = `${c.name}.insecure-dev`
      const zkey = join(tmp, `${stem}.zkey`)
      await devSetup({ r1cs: c.r1cs, zkey, label: m.setupParams.label, threads: opts.threads, logger: opts.logger })
      const ex = await exportKeys({ zkey, outDir: tmp, stem, insecure: true })
      rebuilt.set('zkey', await sha256File(zkey))
      rebuilt.set('vkey', await sha256File(ex.vkey))
      rebuilt.set('verifier', await sha256File(ex.verifier))
    } else {
      const zk = byKind.get('zkey')
      const zkeyOnDisk = join(mDir, m.files.zkey.path)
      if (zk?.diskStatus === 'ok') {
        const ex = await exportKeys({ zkey: zkeyOnDisk, outDir: tmp, stem: c.name })
        rebuilt.set('vkey', await sha256File(ex.vkey))
        rebuilt.set('verifier', await sha256File(ex.verifier))
        const ptau = join(mDir, m.setupParams.ptau.path)
        if (existsSync(ptau) && (await sha256File(ptau)) === m.setupParams.ptau.sha256) {
          log(`snarkjs zkey verify against ${ptau}`)
          zkeyVerified = await verifyZkey(c.r1cs, ptau, zkeyOnDisk)
        } else {
          zkeyVerified = null
          notes.push('ptau not found (or changed): production zkey not re-verified with snarkjs')
        }
      } else {
        notes.push('production zkey missing or changed on disk: vkey/verifier not re-exported')
      }
      notes.push('a production zkey cannot be rebuilt (contributor entropy is not kept); its on-disk hash is checked')
    }
    for (const f of files) {
      const h = rebuilt.get(f.kind)
      if (h !== undefined) {
        f.rebuilt = h
        f.reproduces = h === f.expected
      }
    }
    } finally {
      if (!opts.keepTemp) rmSync(tmp, { recursive: true, force: true })
    }
  }
  const ok = files.every((f) => f.diskStatus === 'ok' && f.reproduces !== false) && zkeyVerified !== false
  for (const f of files) {
    log(
      `${f.kind.padEnd(8)} ${f.path}: on disk ${f.diskStatus}` +
        (f.reproduces === null ? ', not rebuilt' : f.reproduces ? ', rebuild reproduces' : `, REBUILD DIFFERS (${f.rebuilt?.slice(0, 16)}...)`),
    )
  }
  for (const n of notes) log(n)
  log(ok ? 'OK: every hash matches' : 'MISMATCH')
  const res: CheckResult = { ok, manifest: mPath, setup: m.setup, files, notes }
  if (zkeyVerified !== undefined) res.zkeyVerified = zkeyVerified
  return res
}

export { BUILD_DIR }
