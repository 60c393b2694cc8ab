// The INSECURE dev setup against stock snarkjs: the fast writers must produce exactly what
// snarkjs's own (slow) ceremony commands produce from the same public beacons.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileCircuit } from '../build/compile.ts'
import { REPO_ROOT } from '../build/paths.ts'
import { writeDevPtau } from './dev-ptau.ts'
import { devSetup } from './dev-zkey.ts'
import { loadSnarkjs, releaseSnarkjsCurve } from './libs.ts'
import { DEV_CONTRIBUTION_NAME, deltaBeaconHash, tauBeaconHash, toHex } from './toxic.ts'

function sections(path: string): Map<number, Buffer> {
  const b = readFileSync(path)
  const n = b.readUInt32LE(8)
  let pos = 12
  const m = new Map<number, Buffer>()
  for (let i = 0; i < n; i++) {
    const id = b.readUInt32LE(pos)
    const size = Number(b.readBigUInt64LE(pos + 4))
    m.set(id, b.subarray(pos + 12, pos + 12 + size))
    pos += 12 + size
  }
  return m
}

/** Offset of the data of section `id` in a binfile. */
function sectionOffset(path: string, id: number): number {
  const b = readFileSync(path)
  const n = b.readUInt32LE(8)
  let pos = 12
  for (let i = 0; i < n; i++) {
    if (b.readUInt32LE(pos) === id) return pos + 12
    pos += 12 + Number(b.readBigUInt64LE(pos + 4))
  }
  throw new Error(`no section ${id}`)
}

describe('insecure dev setup vs stock snarkjs', () => {
  let dir: string
  let r1cs: string
  const P = 8 // stock `prepare phase2` takes a few seconds at 2^8

  beforeAll(async () => {
    mkdirSync(join(REPO_ROOT, 'build'), { recursive: true })
    dir = mkdtempSync(join(REPO_ROOT, 'build', 'test-dev-setup-'))
    const c = await compileCircuit({ main: 'circuits/test-fixtures/tiny.circom', outDir: join(dir, 'tiny') })
    r1cs = c.r1cs
  })
  afterAll(async () => {
    await releaseSnarkjsCurve()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes the same ptau and zkey bytes as snarkjs powersoftau new/beacon/prepare + zkey new/beacon', async () => {
    const snarkjs = await loadSnarkjs()
    const curve = await snarkjs.curves.getCurveFromName('bn128')
    // Stock route, slow (this is why the dev setup exists).
    await snarkjs.powersOfTau.newAccumulator(curve, P, join(dir, 'p0.ptau'))
    await snarkjs.powersOfTau.beacon(join(dir, 'p0.ptau'), join(dir, 'p1.ptau'), 'dev', toHex(tauBeaconHash()), 10)
    await snarkjs.powersOfTau.preparePhase2(join(dir, 'p1.ptau'), join(dir, 'stock.ptau'))
    const csHash = (await snarkjs.zKey.newZKey(r1cs, join(dir, 'stock.ptau'), join(dir, 'z0.zkey'))) as Uint8Array
    await snarkjs.zKey.beacon(join(dir, 'z0.zkey'), join(dir, 'stock.zkey'), DEV_CONTRIBUTION_NAME, toHex(deltaBeaconHash(csHash)), 10)

    // Fast route.
    await writeDevPtau({ power: P, out: join(dir, 'dev.ptau') })
    const res = await devSetup({ r1cs, zkey: join(dir, 'tiny.insecure-dev.zkey') })
    expect(res.insecure).toBe(true)
    expect(res.circuitHash).toBe(toHex(csHash))

    const a = sections(join(dir, 'stock.ptau'))
    const b = sections(join(dir, 'dev.ptau'))
    for (const id of [1, 2, 3, 4, 5, 6, 12, 13, 14, 15]) expect(b.get(id)!.equals(a.get(id)!), `ptau section ${id}`).toBe(true)
    expect(readFileSync(join(dir, 'tiny.insecure-dev.zkey')).equals(readFileSync(join(dir, 'stock.zkey')))).toBe(true)
  })

  it('passes snarkjs zkey verify (verifyFromR1cs) against the dev ptau, and a tampered zkey does not', async () => {
    const snarkjs = await loadSnarkjs()
    const zkey = join(dir, 'tiny.insecure-dev.zkey')
    expect(await snarkjs.zKey.verifyFromR1cs(r1cs, join(dir, 'dev.ptau'), zkey)).toBe(true)

    // Replace the second point of the L section by the first (both valid curve points).
    const bytes = readFileSync(zkey)
    const off = sectionOffset(zkey, 8)
    bytes.copy(bytes, off + 64, off, off + 64)
    const bad = join(dir, 'tampered-L.zkey')
    writeFileSync(bad, bytes)
    expect(await snarkjs.zKey.verifyFromR1cs(r1cs, join(dir, 'dev.ptau'), bad)).toBe(false)

    // A zkey for another seed is a valid key, but not the one this ptau and beacon describe.
    await devSetup({ r1cs, zkey: join(dir, 'other.zkey'), label: 'some other label' })
    expect(await snarkjs.zKey.verifyFromR1cs(r1cs, join(dir, 'dev.ptau'), join(dir, 'other.zkey'))).toBe(false)
  })
})
