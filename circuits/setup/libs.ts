// Typed access to the untyped JavaScript libraries the setup uses: snarkjs and the
// ffjavascript build that snarkjs itself depends on (so both see the same WASM curve code).
// Only what this folder needs is typed; everything goes through snarkjs's public entry or
// ffjavascript's public entry.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

export type Logger = {
  info: (msg: string) => void
  debug?: (msg: string) => void
  warn?: (msg: string) => void
  error?: (msg: string) => void
}

export type Groth16Proof = Record<string, unknown>
export type VerificationKey = Record<string, unknown> & { protocol: string; curve: string; nPublic: number }

export interface SnarkjsApi {
  zKey: {
    newZKey(r1cs: string, ptau: string, zkey: string, logger?: unknown): Promise<unknown>
    contribute(oldZkey: string, newZkey: string, name: string, entropy: string, logger?: unknown): Promise<unknown>
    beacon(oldZkey: string, newZkey: string, name: string, beaconHashHex: string, numIterationsExp: number, logger?: unknown): Promise<unknown>
    verifyFromR1cs(r1cs: string, ptau: string, zkey: string, logger?: unknown): Promise<boolean>
    verifyFromInit(init: string, ptau: string, zkey: string, logger?: unknown): Promise<boolean>
    exportVerificationKey(zkey: string, logger?: unknown): Promise<VerificationKey>
    exportSolidityVerifier(zkey: string, templates: Record<string, string>, logger?: unknown): Promise<string>
  }
  powersOfTau: {
    newAccumulator(curve: unknown, power: number, file: string, logger?: unknown): Promise<unknown>
    beacon(oldPtau: string, newPtau: string, name: string, beaconHashHex: string, numIterationsExp: number, logger?: unknown): Promise<unknown>
    contribute(oldPtau: string, newPtau: string, name: string, entropy: string, logger?: unknown): Promise<unknown>
    preparePhase2(oldPtau: string, newPtau: string, logger?: unknown): Promise<unknown>
    verify(ptau: string, logger?: unknown): Promise<boolean>
  }
  groth16: {
    fullProve(input: Record<string, unknown>, wasm: string, zkey: string, logger?: unknown): Promise<{ proof: Groth16Proof; publicSignals: string[] }>
    prove(zkey: string, wtns: string, logger?: unknown): Promise<{ proof: Groth16Proof; publicSignals: string[] }>
    verify(vkey: VerificationKey, publicSignals: unknown[], proof: Groth16Proof, logger?: unknown): Promise<boolean>
  }
  wtns: {
    calculate(input: Record<string, unknown>, wasm: string, wtns: string): Promise<void>
  }
  curves: { getCurveFromName(name: string, singleThread?: boolean): Promise<Bn128> }
}

/** The part of ffjavascript's curve object this folder touches (buffers are WASM reprs). */
export interface Bn128 {
  q: bigint
  r: bigint
  Fr: {
    n8: number
    w: Uint8Array[]
    s: number
    fromRng(rng: unknown): Uint8Array
    toObject(a: Uint8Array): bigint
    e(a: bigint | number | string): Uint8Array
  }
  G1: CurveGroup
  G2: CurveGroup
  terminate(): Promise<void>
}

export interface CurveGroup {
  g: Uint8Array
  F: { n8: number }
  fromRng(rng: unknown): Uint8Array
  toAffine(p: Uint8Array): Uint8Array
  timesFr(p: Uint8Array, k: Uint8Array): Uint8Array
  toRprLEM(buf: Uint8Array, offset: number, p: Uint8Array): void
  toRprUncompressed(buf: Uint8Array, offset: number, p: Uint8Array): void
  fromRprLEM(buf: Uint8Array, offset: number): Uint8Array
  eq(a: Uint8Array, b: Uint8Array): boolean
}

export interface FfjavascriptApi {
  buildBn128(singleThread?: boolean): Promise<Bn128>
  ChaCha: new (seed: number[]) => unknown
}

const require = createRequire(import.meta.url)

/** Directory of the installed snarkjs package. */
export function snarkjsDir(): string {
  // snarkjs's `exports` map hides package.json; its CommonJS entry is build/main.cjs.
  return dirname(dirname(require.resolve('snarkjs')))
}

/** The ffjavascript that snarkjs resolves (not whatever happens to be hoisted). */
export function ffjavascriptUrl(): string {
  // snarkjs 0.7 ships its own ffjavascript (0.3.x) beside an older hoisted one.
  const req = createRequire(join(snarkjsDir(), 'package.json'))
  const pkgDir = dirname(dirname(req.resolve('ffjavascript'))) // <pkg>/build/main.cjs
  return pathToFileURL(join(pkgDir, 'main.js')).href
}

/** Version strings, recorded in manifests. */
export function snarkjsVersion(): string {
  return (JSON.parse(readFileSync(join(snarkjsDir(), 'package.json'), 'utf8')) as { version: string }).version
}

let snarkjsPromise: Promise<SnarkjsApi> | undefined
let ffjsPromise: Promise<FfjavascriptApi> | undefined

export function loadSnarkjs(): Promise<SnarkjsApi> {
  // A non-literal specifier keeps the untyped package out of the type checker.
  const spec: string = 'snarkjs'
  snarkjsPromise ??= import(spec) as Promise<SnarkjsApi>
  return snarkjsPromise
}

export function loadFfjavascript(): Promise<FfjavascriptApi> {
  ffjsPromise ??= import(ffjavascriptUrl()) as Promise<FfjavascriptApi>
  return ffjsPromise
}

/**
 * snarkjs builds one multi-threaded curve and parks it on `globalThis.curve_bn128`; its worker
 * threads keep the process (and vitest) alive until it is terminated.
 */
export async function releaseSnarkjsCurve(): Promise<void> {
  const g = globalThis as { curve_bn128?: { terminate?: () => Promise<void> } | null }
  const c = g.curve_bn128
  if (c && typeof c.terminate === 'function') await c.terminate()
}

/** snarkjs loggers want all four methods. */
export function snarkjsLogger(logger: Logger | undefined, verbose = false): unknown {
  if (!logger) return undefined
  return {
    info: (m: string) => logger.info(m),
    debug: (m: string) => (verbose ? (logger.debug ?? logger.info)(m) : undefined),
    warn: (m: string) => (logger.warn ?? logger.info)(m),
    error: (m: string) => (logger.error ?? logger.info)(m),
  }
}
