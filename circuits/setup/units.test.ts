import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseWarnings } from '../build/compile.ts'
import { REPO_ROOT } from '../build/paths.ts'
import { devSetup, hashedHPoints } from './dev-zkey.ts'
import { R, batchInverse, circuitPower, inv, mul } from './field.ts'
import { chooseWindow } from './fixed-base.ts'
import { loadSnarkjs, releaseSnarkjsCurve } from './libs.ts'
import { writeSynthetic } from './synthetic.ts'

describe('setup helpers', () => {
  afterAll(releaseSnarkjsCurve)

  it('matches snarkjs on domain sizes and hashed H points', () => {
    expect(circuitPower(9, 3)).toBe(4)
    expect(circuitPower(7264, 2)).toBe(13)
    expect(circuitPower(8190, 2)).toBe(14) // 8192 rows need a 2^14 domain (strictly above)
    expect(hashedHPoints(16)).toBe(15)
    expect(hashedHPoints(1 << 14)).toBe((1 << 14) - 1)
    expect(hashedHPoints(1 << 15)).toBe(1 << 15)
    expect(hashedHPoints(1 << 20)).toBe(1 << 20)
  })

  it('field helpers', () => {
    const xs = [1n, 2n, 3n, R - 1n, 123456789n]
    const ys = batchInverse(xs)
    xs.forEach((x, i) => expect(mul(x, ys[i]!)).toBe(1n))
    expect(mul(inv(7n), 7n)).toBe(1n)
    expect(chooseWindow(1 << 19)).toBeGreaterThanOrEqual(14)
    expect(chooseWindow(16)).toBeLessThanOrEqual(6)
  })

  it('parses circom --inspect warnings', () => {
    const w = parseWarnings('warning[CA01]: In template "X": Local signal a does not appear in any constraint\n\nwarning[CA02]: second\n  detail\n')
    expect(w).toEqual(['warning[CA01]: In template "X": Local signal a does not appear in any constraint', 'warning[CA02]: second\n  detail'])
  })

  it('sets up and proves a synthetic r1cs written without circom', async () => {
    mkdirSync(join(REPO_ROOT, 'build'), { recursive: true })
    const dir = mkdtempSync(join(REPO_ROOT, 'build', 'test-units-'))
    try {
      const { r1cs, wtns } = writeSynthetic(300, join(dir, 'syn'))
      const zkey = join(dir, 'syn.insecure-dev.zkey')
      const res = await devSetup({ r1cs, zkey, threads: 1 })
      expect(res.power).toBe(9)
      const snarkjs = await loadSnarkjs()
      const { proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns)
      const vk = await snarkjs.zKey.exportVerificationKey(zkey)
      expect(await snarkjs.groth16.verify(vk, publicSignals, proof)).toBe(true)
      expect(publicSignals[1]).toBe('5')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
