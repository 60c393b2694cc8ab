// Production Groth16 setup with stock snarkjs: phase 2 on top of a public Powers of Tau.
//
//   zkey new (r1cs, ptau)  ->  N contributions (secret entropy each)  ->  optional beacon
//   ->  zkey verify (against the r1cs and the ptau)
//
// In a real ceremony every contributor runs the contribute step on their own machine and passes
// the file on; `docs/trusted-setup.md` describes that flow with the plain snarkjs CLI. This
// function runs the whole chain in one process for operators who collect the contributions
// themselves (and for tests).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { loadSnarkjs, snarkjsLogger, type Logger } from './libs.ts'

export interface ProdContribution {
  /** Public name recorded in the zkey. */
  name: string
  /** Secret randomness; never logged or stored. */
  entropy: string
}

export interface ProdSetupParams {
  r1cs: string
  ptau: string
  /** Final .zkey. Intermediate files go next to it as <zkey>.<i>.partial and are removed. */
  zkey: string
  contributions: ProdContribution[]
  /** A public random value fixed *after* the last contribution (e.g. a future block hash). */
  beacon?: { hashHex: string; iterationsExp?: number; name?: string }
  logger?: Logger
  verbose?: boolean
  /** Keep the intermediate zkeys (default false). */
  keepIntermediate?: boolean
}

export interface ProdSetupResult {
  zkey: string
  circuitHash: string
  contributions: { name: string; hash: string }[]
  beacon?: { hashHex: string; iterationsExp: number; hash: string }
  verified: boolean
  wallMs: number
}

const hex = (b: unknown) => Buffer.from(b as Uint8Array).toString('hex')

export async function prodSetup(params: ProdSetupParams): Promise<ProdSetupResult> {
  const t0 = performance.now()
  const snarkjs = await loadSnarkjs()
  const log = (m: string) => params.logger?.info(`[prod-setup] ${m}`)
  const slog = snarkjsLogger(params.logger, params.verbose)
  if (params.contributions.length === 0 && !params.beacon) {
    throw new Error('a production setup needs at least one contribution (and should end with a beacon)')
  }
  for (const c of params.contributions) {
    if (!c.entropy || c.entropy.length < 16) throw new Error(`contribution "${c.name}": entropy must be at least 16 characters`)
  }
  mkdirSync(dirname(params.zkey), { recursive: true })
  const tmp = (i: number) => `${params.zkey}.${i}.partial`
  const made: string[] = []
  try {
    log(`zkey new ${params.r1cs} with ${params.ptau}`)
    const cs = await snarkjs.zKey.newZKey(params.r1cs, params.ptau, tmp(0), slog)
    if (!(cs instanceof Uint8Array)) throw new Error('snarkjs zkey new failed (circuit too big for this ptau, or ptau not prepared?)')
    made.push(tmp(0))
    let cur = tmp(0)
    const contributions: { name: string; hash: string }[] = []
    for (let i = 0; i < params.contributions.length; i++) {
      const c = params.contributions[i]!
      const next = tmp(i + 1)
      log(`contribution ${i + 1}/${params.contributions.length}: ${c.name}`)
      const h = await snarkjs.zKey.contribute(cur, next, c.name, c.entropy, slog)
      made.push(next)
      contributions.push({ name: c.name, hash: hex(h) })
      cur = next
    }
    let beacon: ProdSetupResult['beacon']
    if (params.beacon) {
      const exp = params.beacon.iterationsExp ?? 10
      const next = tmp(params.contributions.length + 1)
      log(`beacon ${params.beacon.hashHex} (2^${exp} iterations)`)
      const h = await snarkjs.zKey.beacon(cur, next, params.beacon.name ?? 'final beacon', params.beacon.hashHex, exp, slog)
      if (!(h instanceof Uint8Array)) throw new Error('snarkjs zkey beacon rejected the beacon (hex string, 10 <= exp <= 63)')
      made.push(next)
      beacon = { hashHex: params.beacon.hashHex, iterationsExp: exp, hash: hex(h) }
      cur = next
    }
    log('zkey verify (against r1cs and ptau)')
    const verified = await snarkjs.zKey.verifyFromR1cs(params.r1cs, params.ptau, cur, slog)
    if (!verified) throw new Error('snarkjs zkey verify FAILED: the setup is not valid')
    copyFileSync(cur, params.zkey)
    const res: ProdSetupResult = {
      zkey: params.zkey,
      circuitHash: hex(cs),
      contributions,
      verified,
      wallMs: Math.round(performance.now() - t0),
    }
    if (beacon) res.beacon = beacon
    log(`wrote ${params.zkey} (${contributions.length} contribution(s)${beacon ? ' + beacon' : ''}), verified`)
    return res
  } finally {
    if (!params.keepIntermediate) for (const f of made) rmSync(f, { force: true })
  }
}

/** Verify any Groth16 zkey against its r1cs and a (prepared) ptau with snarkjs. */
export async function verifyZkey(r1cs: string, ptau: string, zkey: string, logger?: Logger): Promise<boolean> {
  const snarkjs = await loadSnarkjs()
  return snarkjs.zKey.verifyFromR1cs(r1cs, ptau, zkey, snarkjsLogger(logger))
}

/** A small local Powers of Tau with stock snarkjs (new + contributions + prepare): tests only. */
export async function makeLocalPtau(params: { power: number; out: string; entropy: string[]; logger?: Logger }): Promise<string> {
  const snarkjs = await loadSnarkjs()
  const dir = dirname(params.out)
  mkdirSync(dir, { recursive: true })
  const curve = await snarkjs.curves.getCurveFromName('bn128')
  const f = (i: number) => join(dir, `.ptau-${params.power}-${i}.partial`)
  await snarkjs.powersOfTau.newAccumulator(curve, params.power, f(0), snarkjsLogger(params.logger))
  for (let i = 0; i < params.entropy.length; i++) {
    await snarkjs.powersOfTau.contribute(f(i), f(i + 1), `local ${i + 1}`, params.entropy[i]!, snarkjsLogger(params.logger))
    rmSync(f(i))
  }
  await snarkjs.powersOfTau.preparePhase2(f(params.entropy.length), params.out, snarkjsLogger(params.logger))
  rmSync(f(params.entropy.length))
  return params.out
}
