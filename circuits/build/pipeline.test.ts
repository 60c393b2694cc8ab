// Build pipeline: compile (with --inspect), the INSECURE dev setup on a ~2^13 circuit, a real
// Groth16 round trip, determinism, tampering, and the manifest check.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devSetup } from '../setup/dev-zkey.ts'
import { loadSnarkjs, releaseSnarkjsCurve, type VerificationKey } from '../setup/libs.ts'
import { CircomInspectError, compileCircuit } from './compile.ts'
import { sha256File } from './manifest.ts'
import { REPO_ROOT } from './paths.ts'
import { buildDev, checkBuild, type BuildResult } from './pipeline.ts'

describe('circuit build pipeline (insecure dev setup)', () => {
  let dir: string
  let built: BuildResult
  const input = { seed: 7, salt: 11 }

  beforeAll(async () => {
    mkdirSync(join(REPO_ROOT, 'build'), { recursive: true })
    dir = mkdtempSync(join(REPO_ROOT, 'build', 'test-pipeline-'))
    built = await buildDev({
      main: 'circuits/test-fixtures/poseidon_chain_30.circom',
      includePaths: ['node_modules', 'circuits/test-fixtures'],
      outDir: join(dir, 'pc30'),
      failOnWarnings: true,
      input,
    })
  })
  afterAll(async () => {
    await releaseSnarkjsCurve()
    rmSync(dir, { recursive: true, force: true })
  })

  it('compiles, sets up a 2^13 domain, and proves + verifies with snarkjs', () => {
    const m = built.manifest
    expect(m.insecure).toBe(true)
    expect(m.setup).toBe('insecure-dev')
    expect(m.circuit.nConstraints).toBeGreaterThan(7000)
    expect(m.circuit.power).toBe(13)
    expect(built.zkey).toMatch(/\.insecure-dev\.zkey$/)
    expect(built.compile.warnings).toEqual([])
    expect(built.smoke?.verified).toBe(true)
    expect(readFileSync(built.exported.verifier, 'utf8')).toContain('INSECURE DEVELOPMENT VERIFIER')
    for (const k of ['r1cs', 'wasm', 'zkey', 'vkey', 'verifier'] as const) expect(m.files[k].sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('is deterministic: a second setup gives the identical zkey', async () => {
    const again = join(dir, 'again.zkey')
    await devSetup({ r1cs: built.compile.r1cs, zkey: again, threads: 1 })
    expect(await sha256File(again)).toBe(built.manifest.files.zkey.sha256)
  })

  it('rejects a tampered vkey, public input or proof', async () => {
    const snarkjs = await loadSnarkjs()
    const vk = JSON.parse(readFileSync(built.exported.vkey, 'utf8')) as VerificationKey & { vk_delta_2: string[][]; IC: string[][] }
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(input, built.compile.wasm, built.zkey)
    expect(await snarkjs.groth16.verify(vk, publicSignals, proof)).toBe(true)

    const badVk = structuredClone(vk)
    badVk.IC[1] = vk.IC[0]!
    expect(await snarkjs.groth16.verify(badVk, publicSignals, proof)).toBe(false)
    const swapped = structuredClone(vk)
    swapped.vk_delta_2 = (vk as unknown as { vk_gamma_2: string[][] }).vk_gamma_2
    expect(await snarkjs.groth16.verify(swapped, publicSignals, proof)).toBe(false)

    const badSignals = [...publicSignals]
    badSignals[0] = (BigInt(badSignals[0]!) + 1n).toString()
    expect(await snarkjs.groth16.verify(vk, badSignals, proof)).toBe(false)

    const badProof = structuredClone(proof) as { pi_a: string[] }
    badProof.pi_a = (proof as { pi_c: string[] }).pi_c
    expect(await snarkjs.groth16.verify(vk, publicSignals, badProof)).toBe(false)
  })

  it('check reproduces every hash, and detects a changed file', async () => {
    const ok = await checkBuild(built.manifestPath)
    expect(ok.ok).toBe(true)
    expect(ok.files.every((f) => f.reproduces === true && f.diskStatus === 'ok')).toBe(true)

    const zkey = built.zkey
    const backup = join(dir, 'zkey.bak')
    copyFileSync(zkey, backup)
    const b = readFileSync(zkey)
    b[b.length - 1]! ^= 1
    writeFileSync(zkey, b)
    const bad = await checkBuild(built.manifestPath, { rebuild: false })
    expect(bad.ok).toBe(false)
    expect(bad.files.filter((f) => f.diskStatus !== 'ok').map((f) => f.kind)).toEqual(['zkey'])
    copyFileSync(backup, zkey)
    rmSync(built.exported.verifier)
    const missing = await checkBuild(built.manifestPath, { rebuild: false })
    expect(missing.files.find((f) => f.kind === 'verifier')?.diskStatus).toBe('missing')
  })

  it('reports --inspect warnings, and fails on them when asked', async () => {
    const out = join(dir, 'unused')
    const r = await compileCircuit({ main: 'circuits/test-fixtures/unused_signal.circom', outDir: out })
    expect(r.warnings.length).toBeGreaterThan(0)
    expect(r.warnings[0]).toMatch(/ignored/)
    await expect(compileCircuit({ main: 'circuits/test-fixtures/unused_signal.circom', outDir: out, failOnWarnings: true })).rejects.toBeInstanceOf(
      CircomInspectError,
    )
    await expect(compileCircuit({ main: '../outside.circom' })).rejects.toThrow()
  })
})
