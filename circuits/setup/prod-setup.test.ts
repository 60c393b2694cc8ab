// Production route on a tiny locally made Powers of Tau (stock snarkjs all the way):
// zkey new + contributions + beacon + zkey verify, export, manifest, check.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../build/paths.ts'
import { buildProd, checkBuild } from '../build/pipeline.ts'
import { releaseSnarkjsCurve } from './libs.ts'
import { makeLocalPtau, prodSetup } from './prod-setup.ts'

describe('production setup with snarkjs on a local ptau', () => {
  let dir: string
  let ptau: string

  beforeAll(async () => {
    mkdirSync(join(REPO_ROOT, 'build'), { recursive: true })
    dir = mkdtempSync(join(REPO_ROOT, 'build', 'test-prod-setup-'))
    ptau = await makeLocalPtau({ power: 8, out: join(dir, 'local8.ptau'), entropy: ['local ptau entropy, tests only 1'] })
  })
  afterAll(async () => {
    await releaseSnarkjsCurve()
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs contributions + beacon, verifies, exports, proves, and the manifest checks out', async () => {
    const r = await buildProd({
      main: 'circuits/test-fixtures/tiny.circom',
      outDir: join(dir, 'tiny'),
      ptau,
      contributions: [
        { name: 'alice', entropy: 'alice typed this very randomly 81723' },
        { name: 'bob', entropy: 'bob rolled dice: 3 6 1 1 4 2 5 5 6 2' },
      ],
      beacon: { hashHex: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', iterationsExp: 10 },
      input: { a: 3, b: 11, c: 5 },
    })
    expect(r.setup.verified).toBe(true)
    expect(r.setup.contributions.map((c) => c.name)).toEqual(['alice', 'bob'])
    expect(r.manifest.insecure).toBe(false)
    expect(r.smoke?.verified).toBe(true)
    const check = await checkBuild(r.manifestPath)
    expect(check.ok).toBe(true)
    expect(check.zkeyVerified).toBe(true)
    expect(check.files.find((f) => f.kind === 'zkey')?.reproduces).toBeNull()
  })

  it('refuses weak entropy and a missing r1cs', async () => {
    await expect(
      prodSetup({ r1cs: 'x.r1cs', ptau, zkey: join(dir, 'x.zkey'), contributions: [{ name: 'lazy', entropy: 'short' }] }),
    ).rejects.toThrow(/entropy/)
    await expect(
      prodSetup({
        r1cs: join(REPO_ROOT, 'circuits/test-fixtures/does-not-exist.r1cs'),
        ptau,
        zkey: join(dir, 'y.zkey'),
        contributions: [{ name: 'x', entropy: 'long enough entropy string here' }],
      }),
    ).rejects.toThrow()
  })
})
