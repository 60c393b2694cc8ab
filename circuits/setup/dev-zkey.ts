// INSECURE development Groth16 setup: writes a snarkjs-format .zkey directly from toxic waste
// derived from a public seed (see toxic.ts). The file is bit-for-bit what stock snarkjs
// produces with
//
//   snarkjs powersoftau new bn128 P p0.ptau
//   snarkjs powersoftau beacon p0.ptau p1.ptau <tauBeacon> 10
//   snarkjs powersoftau prepare phase2 p1.ptau final.ptau        (any P >= circuit power + 1)
//   snarkjs zkey new circuit.r1cs final.ptau z0.zkey
//   snarkjs zkey beacon z0.zkey dev.zkey <deltaBeacon> 10 -n="<DEV_CONTRIBUTION_NAME>"
//
// but takes seconds instead of hours: with tau, alpha, beta and delta known, every point of
// the key is (a field element computed from the R1CS) times a generator, so the whole job is
// field arithmetic plus one fixed-base multiplication per point (fixed-base.ts). No powers of
// tau, no FFT over curve points, no multi-exponentiation.
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { SectionedFile } from './binfile.ts'
import { FixedBaseMultiplier, POINT_BYTES, type Group } from './fixed-base.ts'
import { MONT_R2, R, add, batchInverse, circuitPower, inv, mul, pow, readLE, scalarsToBytes, sub, writeLE32 } from './field.ts'
import type { Logger } from './libs.ts'
import { forEachTerm, readR1cs } from './r1cs.ts'
import { DEV_CONTRIBUTION_NAME, DEV_LABEL, devDeltaContribution, devPowersOfTauSecrets, mainCurve, rootOfUnity, toHex } from './toxic.ts'

export interface DevSetupParams {
  /** Circuit constraints (.r1cs from circom). */
  r1cs: string
  /** Output .zkey path; by convention it ends in `.insecure-dev.zkey`. */
  zkey: string
  /** Seed label; anything else than the default is still public and still insecure. */
  label?: string
  /** Worker threads (default: available parallelism). */
  threads?: number
  logger?: Logger
}

export interface DevSetupResult {
  zkey: string
  insecure: true
  label: string
  contributionName: string
  /** snarkjs's circuit hash (blake2b-512, hex): what `snarkjs zkey verify` prints. */
  circuitHash: string
  contributionHash: string
  tauBeacon: string
  deltaBeacon: string
  beaconIterationsExp: number
  nConstraints: number
  nVars: number
  nPublic: number
  power: number
  domainSize: number
  points: { G1: number; G2: number }
  wallMs: number
  cpuMs: number
}

const G1_BYTES = POINT_BYTES.G1
const G2_BYTES = POINT_BYTES.G2

/** snarkjs hashes section lengths as big-endian u32 before their points. */
function u32be(n: number): Uint8Array {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n, false)
  return b
}

/**
 * Number of "H" points zkey_new.js feeds into the circuit hash: it walks (domainSize - 1)
 * points in chunks of 2^14 but always takes min(domainSize - 1, 2^14) per chunk, so above
 * 2^14 the last chunk runs one point past the end (tau^(2N-1), present in any ptau of
 * power >= circuit power + 1).
 */
export function hashedHPoints(domainSize: number): number {
  const CH = 1 << 14
  const n = domainSize - 1
  return Math.ceil(n / CH) * Math.min(n, CH)
}

export async function devSetup(params: DevSetupParams): Promise<DevSetupResult> {
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const label = params.label ?? DEV_LABEL
  const log = (m: string) => params.logger?.info(`[dev-setup INSECURE] ${m}`)
  const lap = (() => {
    let t = performance.now()
    return (m: string) => {
      const now = performance.now()
      log(`${m} (${((now - t) / 1000).toFixed(1)} s)`)
      t = now
    }
  })()

  const r1cs = readR1cs(params.r1cs)
  const { nConstraints, nWires: nVars } = r1cs.header
  const nPublic = r1cs.header.nOutputs + r1cs.header.nPubInputs
  const power = circuitPower(nConstraints, nPublic)
  if (power > 27) throw new Error(`circuit needs a domain of 2^${power}: not supported (max 2^27)`)
  const N = 2 ** power
  const nPriv = nVars - nPublic - 1
  log(`r1cs: ${nConstraints} constraints, ${nVars} wires, ${nPublic} public; domain 2^${power}`)
  log(`toxic waste is PUBLIC (label "${label}"): this key only suits development and tests`)

  const { tau, alpha, beta, beacon: tauBeacon } = await devPowersOfTauSecrets(label)
  const omega = await rootOfUnity(power)
  const omega2 = await rootOfUnity(power + 1)

  // Lagrange basis of the size-N domain at tau, for the rows in use.
  const rows = nConstraints + nPublic + 1
  const wPow = new Array<bigint>(rows)
  const den = new Array<bigint>(rows)
  let wi = 1n
  for (let i = 0; i < rows; i++) {
    wPow[i] = wi
    den[i] = sub(tau, wi)
    wi = mul(wi, omega)
  }
  const zN = sub(pow(tau, BigInt(N)), 1n)
  const factor = mul(zN, inv(BigInt(N)))
  const denInv = batchInverse(den)
  const L = new Array<bigint>(rows)
  for (let i = 0; i < rows; i++) L[i] = mul(mul(factor, wPow[i]!), denInv[i]!)
  lap('Lagrange basis at tau')

  // A_s(tau), B_s(tau), C_s(tau) per wire, and the coefficients section (A and B terms).
  let nCoefs = nPublic + 1
  forEachTerm(r1cs, (m) => {
    if (m !== 2) nCoefs++
  })
  const coefs = new Uint8Array(4 + nCoefs * 44)
  const coefsView = new DataView(coefs.buffer)
  coefsView.setUint32(0, nCoefs, true)
  let cp = 4
  const A = new Array<bigint>(nVars).fill(0n)
  const B = new Array<bigint>(nVars).fill(0n)
  const C = new Array<bigint>(nVars).fill(0n)
  const bytes = r1cs.bytes
  const monty = new Map<bigint, Uint8Array>()
  forEachTerm(r1cs, (m, c, s, off) => {
    const k = readLE(bytes, off)
    const Lc = L[c]!
    const t = k === 1n ? Lc : mul(k, Lc)
    if (m === 0) A[s] = add(A[s]!, t)
    else if (m === 1) B[s] = add(B[s]!, t)
    else C[s] = add(C[s]!, t)
    if (m !== 2) {
      coefsView.setUint32(cp, m, true)
      coefsView.setUint32(cp + 4, c, true)
      coefsView.setUint32(cp + 8, s, true)
      // zkey_new.js stores coef * R^2 mod r (the prover reads it as a Montgomery value).
      let v = monty.get(k)
      if (!v) {
        v = new Uint8Array(32)
        writeLE32(v, 0, mul(k, MONT_R2))
        if (monty.size < 4096) monty.set(k, v)
      }
      coefs.set(v, cp + 12)
      cp += 44
    }
  })
  // Public inputs also get a row of their own in A (zkey_new.js), which keeps them independent.
  const oneMonty = new Uint8Array(32)
  writeLE32(oneMonty, 0, MONT_R2)
  for (let s = 0; s <= nPublic; s++) {
    A[s] = add(A[s]!, L[nConstraints + s]!)
    coefsView.setUint32(cp, 0, true)
    coefsView.setUint32(cp + 4, nConstraints + s, true)
    coefsView.setUint32(cp + 8, s, true)
    coefs.set(oneMonty, cp + 12)
    cp += 44
  }
  if (cp !== coefs.length) throw new Error('internal: coefficient count mismatch')
  lap(`QAP polynomials at tau (${nCoefs} A/B coefficients)`)

  // beta*A + alpha*B + C per wire: IC for public wires, L ("C") for private ones.
  const K = new Array<bigint>(nVars)
  for (let s = 0; s < nVars; s++) K[s] = add(add(mul(beta, A[s]!), mul(alpha, B[s]!)), C[s]!)
  const nHashH = hashedHPoints(N)

  const G1points = (nPublic + 1) + nHashH + 2 * nPriv + 2 * nVars + N
  const fb = await FixedBaseMultiplier.create({ threads: params.threads, expectedPoints: { G1: G1points, G2: nVars } })
  const curve = await mainCurve()
  const csHasher = createHash('blake2b512')

  const sizes = {
    1: 4,
    2: 4 + 32 + 4 + 32 + 12 + 3 * G1_BYTES + 3 * G2_BYTES,
    3: (nPublic + 1) * G1_BYTES,
    4: coefs.length,
    5: nVars * G1_BYTES,
    6: nVars * G1_BYTES,
    7: nVars * G2_BYTES,
    8: nPriv * G1_BYTES,
    9: N * G1_BYTES,
  }
  // The contribution section has a fixed layout; compute it with a placeholder hash for its size.
  mkdirSync(dirname(params.zkey), { recursive: true })
  let file: SectionedFile | undefined
  try {
    const placeholder = await devDeltaContribution(new Uint8Array(64), label)
    file = new SectionedFile(params.zkey, 'zkey', [
      ...Object.entries(sizes).map(([id, size]) => ({ id: Number(id), size })),
      { id: 10, size: placeholder.mpcSection.length },
    ])
    const f = file

    // Multiply, write into `section` (LEM) and/or feed the circuit hash (uncompressed) after
    // the big-endian length prefix snarkjs puts before each point list.
    const run = async (group: Group, values: bigint[], section: number | null, hash: { len: number } | null) => {
      if (hash) csHasher.update(u32be(hash.len))
      await fb.mulStream(group, scalarsToBytes(values), { lem: section !== null, u: hash !== null }, (_first, out) => {
        if (section !== null) f.write(section, out.lem!)
        if (hash) csHasher.update(out.u!)
      })
    }

    // Header points that do not depend on delta, and the delta = 1 values zkey_new.js hashes.
    const pointOf = (group: Group, k: bigint) => {
      const G = curve[group]
      const p = G.toAffine(G.timesFr(G.g, curveFr(k)))
      const lem = new Uint8Array(POINT_BYTES[group])
      const u = new Uint8Array(POINT_BYTES[group])
      G.toRprLEM(lem, 0, p)
      G.toRprUncompressed(u, 0, p)
      return { lem, u }
    }
    const curveFr = (k: bigint) => curve.Fr.e(k)
    const alpha1 = pointOf('G1', alpha)
    const beta1 = pointOf('G1', beta)
    const beta2 = pointOf('G2', beta)
    const g1 = pointOf('G1', 1n)
    const g2 = pointOf('G2', 1n)
    for (const p of [alpha1.u, beta1.u, beta2.u, g2.u, g1.u, g2.u]) csHasher.update(p)

    // zkey_new.js hash order: IC, H (tau^i * (tau^N - 1)), L (delta = 1), A, B1, B2.
    await run('G1', K.slice(0, nPublic + 1), 3, { len: nPublic + 1 })
    lap(`IC: ${nPublic + 1} points`)
    {
      const hv = new Array<bigint>(nHashH)
      let t = zN
      for (let i = 0; i < nHashH; i++) {
        hv[i] = t
        t = mul(t, tau)
      }
      await run('G1', hv, null, { len: N - 1 })
      lap(`circuit hash: ${nHashH} H points`)
    }
    const Kpriv = K.slice(nPublic + 1)
    await run('G1', Kpriv, null, { len: nPriv })
    lap(`circuit hash: ${nPriv} L points`)
    await run('G1', A, 5, { len: nVars })
    lap(`A: ${nVars} G1 points`)
    await run('G1', B, 6, { len: nVars })
    lap(`B1: ${nVars} G1 points`)
    await run('G2', B, 7, { len: nVars })
    lap(`B2: ${nVars} G2 points`)
    const csHash = new Uint8Array(csHasher.digest())
    log(`circuit hash ${toHex(csHash).slice(0, 32)}...`)

    // delta from the public beacon over the circuit hash; L and H are divided by it.
    const contribution = await devDeltaContribution(csHash, label)
    const invDelta = inv(contribution.delta)
    for (let i = 0; i < Kpriv.length; i++) Kpriv[i] = mul(Kpriv[i]!, invDelta)
    await run('G1', Kpriv, 8, null)
    lap(`L: ${nPriv} G1 points`)
    {
      // H: odd points of the size-2N domain's Lagrange basis, i.e. L'_(2j+1)(tau) / delta.
      const z2N = sub(pow(tau, BigInt(2 * N)), 1n)
      const f2 = mul(mul(z2N, inv(BigInt(2 * N))), invDelta)
      const w2sq = mul(omega2, omega2)
      const d2 = new Array<bigint>(N)
      const num = new Array<bigint>(N)
      let w = omega2
      for (let j = 0; j < N; j++) {
        num[j] = w
        d2[j] = sub(tau, w)
        w = mul(w, w2sq)
      }
      const d2Inv = batchInverse(d2)
      for (let j = 0; j < N; j++) num[j] = mul(mul(f2, num[j]!), d2Inv[j]!)
      await run('G1', num, 9, null)
      lap(`H: ${N} G1 points`)
    }

    // Header (section 1, 2) and contributions (10).
    const s1 = new Uint8Array(4)
    new DataView(s1.buffer).setUint32(0, 1, true) // Groth16
    f.write(1, s1)
    const s2 = new Uint8Array(sizes[2])
    const v2 = new DataView(s2.buffer)
    let o = 0
    v2.setUint32(o, 32, true)
    writeLE32(s2, o + 4, BigInt(curve.q))
    v2.setUint32(o + 36, 32, true)
    writeLE32(s2, o + 40, R)
    o = 72
    v2.setUint32(o, nVars, true)
    v2.setUint32(o + 4, nPublic, true)
    v2.setUint32(o + 8, N, true)
    o += 12
    for (const p of [alpha1.lem, beta1.lem, beta2.lem, g2.lem, contribution.delta1, contribution.delta2]) {
      s2.set(p, o)
      o += p.length
    }
    if (o !== s2.length) throw new Error('internal: header size')
    f.write(2, s2)
    f.write(4, coefs)
    f.write(10, contribution.mpcSection)
    f.finish()
    file = undefined

    const cpu = process.cpuUsage(cpu0)
    const result: DevSetupResult = {
      zkey: params.zkey,
      insecure: true,
      label,
      contributionName: DEV_CONTRIBUTION_NAME,
      circuitHash: toHex(csHash),
      contributionHash: toHex(contribution.contributionHash),
      tauBeacon: toHex(tauBeacon),
      deltaBeacon: toHex(contribution.beacon),
      beaconIterationsExp: 10,
      nConstraints,
      nVars,
      nPublic,
      power,
      domainSize: N,
      points: { G1: G1points, G2: nVars },
      wallMs: Math.round(performance.now() - t0),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    }
    log(`wrote ${params.zkey} in ${(result.wallMs / 1000).toFixed(1)} s: INSECURE, for development only`)
    return result
  } finally {
    file?.abort()
    await fb.close()
  }
}
