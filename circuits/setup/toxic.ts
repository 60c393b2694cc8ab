// Where the development setup's toxic waste comes from. EVERYTHING HERE IS PUBLIC: anyone
// can recompute tau, alpha, beta and delta from this file and forge proofs for any circuit
// set up with them. That is the point: a fast, reproducible, obviously insecure setup for
// development and tests. Never deploy a verifier made from it where value is at stake.
//
// The secrets are derived exactly like snarkjs derives the key of a *beacon* contribution,
// so that the development files can be reproduced (slowly) with stock snarkjs:
//
//   (tau, alpha, beta) = key of `snarkjs powersoftau beacon <in> <out> <tauBeacon> 10`
//                        applied to a fresh `snarkjs powersoftau new bn128 <power>`
//   delta              = key of `snarkjs zkey beacon <in> <out> <deltaBeacon> 10 -n=<name>`
//                        applied to the `snarkjs zkey new` output
//
//   tauBeacon   = SHA-256( utf8(label + "/powers-of-tau") )
//   deltaBeacon = SHA-256( utf8(label + "/delta") || csHash )   (csHash: snarkjs's circuit hash)
//
// and the beacon key derivation (snarkjs misc.rngFromBeaconParams + keypair.js) is:
// h = beacon; repeat 2^10 times h = SHA-256(h); rng = ChaCha(h as eight big-endian u32);
// then field elements come from ffjavascript's Fr.fromRng(rng) in that order
// (tau, alpha, beta for the ptau key; delta then the G1 point g1_s for the zkey key).
import { createHash } from 'node:crypto'
import { loadFfjavascript, type Bn128 } from './libs.ts'

export const DEV_LABEL = 'counterweight insecure dev setup'
export const DEV_BEACON_ITERATIONS_EXP = 10
/** Contribution name written into the dev zkey (snarkjs keeps at most 64 bytes). */
export const DEV_CONTRIBUTION_NAME = 'INSECURE DEV SETUP - public seed - never use in production'

const utf8 = (s: string) => new TextEncoder().encode(s)
const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest())
}

export function tauBeaconHash(label = DEV_LABEL): Uint8Array {
  return sha256(utf8(label + '/powers-of-tau'))
}

export function deltaBeaconHash(csHash: Uint8Array, label = DEV_LABEL): Uint8Array {
  return sha256(utf8(label + '/delta'), csHash)
}

export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

let curvePromise: Promise<Bn128> | undefined
/** A single-threaded ffjavascript BN254 engine (no worker threads, nothing to terminate). */
export function mainCurve(): Promise<Bn128> {
  curvePromise ??= loadFfjavascript().then((ff) => ff.buildBn128(true))
  return curvePromise
}

/** ChaCha seeded with 8 big-endian words of `hash` (snarkjs hashToG2 / beacon seeding). */
async function chachaFromHash(hash: Uint8Array): Promise<unknown> {
  const ff = await loadFfjavascript()
  const dv = new DataView(hash.buffer, hash.byteOffset, hash.byteLength)
  const seed: number[] = []
  for (let i = 0; i < 8; i++) seed.push(dv.getUint32(i * 4, false))
  return new ff.ChaCha(seed)
}

async function rngFromBeacon(beacon: Uint8Array, iterationsExp: number): Promise<unknown> {
  let h: Uint8Array = beacon
  const n = 2 ** iterationsExp
  for (let i = 0; i < n; i++) h = sha256(h)
  return chachaFromHash(h)
}

export interface PowersOfTauSecrets {
  tau: bigint
  alpha: bigint
  beta: bigint
  beacon: Uint8Array
}

export async function devPowersOfTauSecrets(label = DEV_LABEL): Promise<PowersOfTauSecrets> {
  const curve = await mainCurve()
  const beacon = tauBeaconHash(label)
  const rng = await rngFromBeacon(beacon, DEV_BEACON_ITERATIONS_EXP)
  const tau = curve.Fr.toObject(curve.Fr.fromRng(rng))
  const alpha = curve.Fr.toObject(curve.Fr.fromRng(rng))
  const beta = curve.Fr.toObject(curve.Fr.fromRng(rng))
  return { tau, alpha, beta, beacon }
}

export interface DeltaContribution {
  delta: bigint
  beacon: Uint8Array
  /** Section 10 of the zkey (MPC parameters) without the section header. */
  mpcSection: Uint8Array
  /** Header points, affine LEM. */
  delta1: Uint8Array
  delta2: Uint8Array
  /** blake2b-512 of the contribution's public key, what `snarkjs zkey verify` prints. */
  contributionHash: Uint8Array
}

/**
 * delta and the zkey's MPC section (one beacon contribution), as `snarkjs zkey beacon` with
 * the dev beacon would write them on top of a fresh `zkey new` (delta = 1).
 */
export async function devDeltaContribution(csHash: Uint8Array, label = DEV_LABEL, name = DEV_CONTRIBUTION_NAME): Promise<DeltaContribution> {
  const curve = await mainCurve()
  const { G1, G2, Fr } = curve
  const beacon = deltaBeaconHash(csHash, label)
  const rng = await rngFromBeacon(beacon, DEV_BEACON_ITERATIONS_EXP)
  const prvKey = Fr.fromRng(rng)
  const g1_s = G1.toAffine(G1.fromRng(rng))
  const g1_sx = G1.toAffine(G1.timesFr(g1_s, prvKey))
  const u = (G: typeof G1, p: Uint8Array) => {
    const b = new Uint8Array(G.F.n8 * 2)
    G.toRprUncompressed(b, 0, p)
    return b
  }
  const lem = (G: typeof G1, p: Uint8Array) => {
    const b = new Uint8Array(G.F.n8 * 2)
    G.toRprLEM(b, 0, p)
    return b
  }
  const transcript = new Uint8Array(createHash('blake2b512').update(csHash).update(u(G1, g1_s)).update(u(G1, g1_sx)).digest())
  const g2_sp = G2.fromRng(await chachaFromHash(transcript))
  const g2_spx = G2.toAffine(G2.timesFr(g2_sp, prvKey))
  const deltaAfter = G1.toAffine(G1.timesFr(G1.g, prvKey))
  const delta2 = G2.toAffine(G2.timesFr(G2.g, prvKey))

  const nameBytes = utf8(name.substring(0, 64))
  if (nameBytes.length > 255) throw new Error('contribution name too long')
  const params = [1, nameBytes.length, ...nameBytes, 2, DEV_BEACON_ITERATIONS_EXP, 3, beacon.length, ...beacon]
  const parts: Uint8Array[] = []
  const u32 = (n: number) => {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, n, true)
    return b
  }
  parts.push(csHash, u32(1))
  parts.push(lem(G1, deltaAfter), lem(G1, g1_s), lem(G1, g1_sx), lem(G2, g2_spx), transcript)
  parts.push(u32(1), u32(params.length), new Uint8Array(params))
  const mpcSection = new Uint8Array(Buffer.concat(parts))

  const contributionHash = new Uint8Array(
    createHash('blake2b512').update(u(G1, deltaAfter)).update(u(G1, g1_s)).update(u(G1, g1_sx)).update(u(G2, g2_spx)).update(transcript).digest(),
  )
  return { delta: Fr.toObject(prvKey), beacon, mpcSection, delta1: lem(G1, deltaAfter), delta2: lem(G2, delta2), contributionHash }
}

/** Roots of unity exactly as ffjavascript (and so snarkjs's FFTs) use them: w[k] has order 2^k. */
export async function rootOfUnity(k: number): Promise<bigint> {
  const curve = await mainCurve()
  const w = curve.Fr.w[k]
  if (!w) throw new Error(`no root of unity of order 2^${k}`)
  return curve.Fr.toObject(w)
}
