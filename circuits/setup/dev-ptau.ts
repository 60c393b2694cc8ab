// INSECURE development Powers of Tau, already "prepared for phase 2", written directly from the
// public dev seed (toxic.ts). Sections 1-6 and 12-15 are byte-identical to
//
//   snarkjs powersoftau new bn128 P p0.ptau
//   snarkjs powersoftau beacon p0.ptau p1.ptau <tauBeacon> 10
//   snarkjs powersoftau prepare phase2 p1.ptau final.ptau
//
// Section 7 (the contribution log) is left empty, so `snarkjs powersoftau verify` rejects this
// file: it is a tool for checking dev zkeys with `snarkjs zkey verify` and for experiments with
// snarkjs's own `zkey new`, not a ceremony. Its cost grows as about 12 * 2^P G1 and
// 3 * 2^P G2 fixed-base multiplications.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { SectionedFile } from './binfile.ts'
import { FixedBaseMultiplier, POINT_BYTES, type Group } from './fixed-base.ts'
import { Q, batchInverse, inv, mul, pow, scalarsToBytes, sub, writeLE32 } from './field.ts'
import type { Logger } from './libs.ts'
import { DEV_LABEL, devPowersOfTauSecrets, rootOfUnity } from './toxic.ts'

export interface DevPtauParams {
  power: number
  out: string
  label?: string
  threads?: number
  logger?: Logger
}

/** L_i(tau) for the size-2^p domain, i < 2^p; `truncated` drops the tau^(n-1) term (see below). */
async function lagrange(tau: bigint, p: number, truncated: boolean): Promise<bigint[]> {
  const n = 2 ** p
  const w = await rootOfUnity(p)
  const z = sub(pow(tau, BigInt(n)), 1n)
  const nInv = inv(BigInt(n))
  const f = mul(z, nInv)
  const wp = new Array<bigint>(n)
  const den = new Array<bigint>(n)
  let x = 1n
  for (let i = 0; i < n; i++) {
    wp[i] = x
    den[i] = sub(tau, x)
    x = mul(x, w)
  }
  const di = batchInverse(den)
  const tLast = truncated ? mul(pow(tau, BigInt(n - 1)), nInv) : 0n
  const out = new Array<bigint>(n)
  for (let i = 0; i < n; i++) {
    let v = mul(mul(f, wp[i]!), di[i]!)
    if (truncated) v = sub(v, mul(wp[i]!, tLast))
    out[i] = v
  }
  return out
}

export async function writeDevPtau(params: DevPtauParams): Promise<{ out: string; power: number; wallMs: number }> {
  const t0 = performance.now()
  const P = params.power
  if (P < 1 || P > 27) throw new Error('power must be in 1..27')
  const log = (m: string) => params.logger?.info(`[dev-ptau INSECURE] ${m}`)
  const { tau, alpha, beta } = await devPowersOfTauSecrets(params.label ?? DEV_LABEL)
  const n = 2 ** P
  const G1 = POINT_BYTES.G1
  const G2 = POINT_BYTES.G2
  const sizes: [number, number][] = [
    [1, 4 + 32 + 4 + 4],
    [2, (2 * n - 1) * G1],
    [3, n * G2],
    [4, n * G1],
    [5, n * G1],
    [6, G2],
    [7, 4],
    [12, (4 * n - 1) * G1],
    [13, (2 * n - 1) * G2],
    [14, (2 * n - 1) * G1],
    [15, (2 * n - 1) * G1],
  ]
  mkdirSync(dirname(params.out), { recursive: true })
  const fb = await FixedBaseMultiplier.create({ threads: params.threads, expectedPoints: { G1: 12 * n, G2: 3 * n } })
  const file = new SectionedFile(params.out, 'ptau', sizes.map(([id, size]) => ({ id, size })))
  let ok = false
  try {
    const run = (group: Group, values: bigint[], section: number) =>
      fb.mulStream(group, scalarsToBytes(values), { lem: true }, (_f, out) => file.write(section, out.lem!))
    const h = new Uint8Array(44)
    const dv = new DataView(h.buffer)
    dv.setUint32(0, 32, true)
    writeLE32(h, 4, Q)
    dv.setUint32(36, P, true)
    dv.setUint32(40, P, true)
    file.write(1, h)

    const powers = new Array<bigint>(2 * n - 1)
    let x = 1n
    for (let i = 0; i < 2 * n - 1; i++) {
      powers[i] = x
      x = mul(x, tau)
    }
    await run('G1', powers, 2)
    await run('G2', powers.slice(0, n), 3)
    await run('G1', powers.slice(0, n).map((v) => mul(v, alpha)), 4)
    await run('G1', powers.slice(0, n).map((v) => mul(v, beta)), 5)
    await run('G2', [beta], 6)
    file.write(7, new Uint8Array(4)) // no contributions recorded
    log(`powers written (2^${P})`)

    // Lagrange sections, one sub-list per domain size 2^0 .. 2^P (and 2^(P+1) for tauG1).
    // prepare phase2 builds the 2^(P+1) list of tauG1 from the 2^(P+1) - 1 powers it has and a
    // zero in place of tau^(2^(P+1) - 1): reproduce that truncation exactly.
    for (let p = 0; p <= P + 1; p++) {
      const L = await lagrange(tau, p, p === P + 1)
      await run('G1', L, 12)
      if (p <= P) {
        await run('G2', L, 13)
        await run('G1', L.map((v) => mul(v, alpha)), 14)
        await run('G1', L.map((v) => mul(v, beta)), 15)
      }
    }
    file.finish()
    ok = true
    const wallMs = Math.round(performance.now() - t0)
    log(`wrote ${params.out} (power ${P}) in ${(wallMs / 1000).toFixed(1)} s: INSECURE, public toxic waste`)
    return { out: params.out, power: P, wallMs }
  } finally {
    if (!ok) file.abort()
    await fb.close()
  }
}
