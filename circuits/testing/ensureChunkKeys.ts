import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ChunkParams } from '../../protocol/index.ts'
import { devSetup } from '../setup/dev-zkey.ts'
import { exportKeys } from '../build/export.ts'
import { releaseSnarkjsCurve } from '../setup/libs.ts'
import { ensureChunkCircuit, type CompiledChunkCircuit } from './ensureChunkCircuit.ts'
import { withBuildLock } from './buildLock.ts'

/** A compiled chunk circuit with its insecure development keys. */
export interface ChunkKeys extends CompiledChunkCircuit {
  zkey: string
  vkey: string
  /** Solidity source of the Groth16 verifier exported from the zkey. */
  verifier: string
}

/**
 * The chunk circuit for `params`, compiled, with an INSECURE deterministic development zkey,
 * verification key and Solidity verifier in `build/circuits/<name>/`; built once and reused
 * while the circuit sources do not change. For tests, benches and the devnet.
 *
 * @example
 * ```ts
 * const { wasm, zkey, vkey, verifier } = await ensureChunkKeys({ params: TEST_PARAMS })
 * ```
 */
export async function ensureChunkKeys(params: { params: ChunkParams; log?: (line: string) => void }): Promise<ChunkKeys> {
  const log = params.log ?? ((l: string) => process.stderr.write(`${l}\n`))
  const compiled = ensureChunkCircuit(params)
  const stem = `${compiled.name}.insecure-dev`
  const keys: ChunkKeys = {
    ...compiled,
    zkey: join(compiled.dir, `${stem}.zkey`),
    vkey: join(compiled.dir, `${stem}.vkey.json`),
    verifier: join(compiled.dir, `${stem}.verifier.sol`),
  }
  const stamp = join(compiled.dir, 'keys.sha256')
  const ready = (): boolean =>
    existsSync(stamp) && readFileSync(stamp, 'utf8') === compiled.sourceHash && [keys.zkey, keys.vkey, keys.verifier].every((f) => existsSync(f))
  return withBuildLock({ lock: join(compiled.dir, 'keys.lock'), ready, whenReady: () => keys, fn: () => build(keys, stamp, log) })
}

async function build(keys: ChunkKeys, stamp: string, log: (line: string) => void): Promise<ChunkKeys> {
  const compiled = keys
  const stem = `${compiled.name}.insecure-dev`
  const started = Date.now()
  log(`insecure development setup for ${compiled.name} ...`)
  const logger = { info: log, warn: log, debug: () => {} }
  await devSetup({ r1cs: compiled.r1cs, zkey: keys.zkey, logger } as Parameters<typeof devSetup>[0])
  const exported = await exportKeys({ zkey: keys.zkey, outDir: compiled.dir, stem, insecure: true, logger } as Parameters<typeof exportKeys>[0])
  keys.vkey = exported.vkey
  keys.verifier = exported.verifier
  await releaseSnarkjsCurve()
  writeFileSync(stamp, compiled.sourceHash)
  log(`keys for ${compiled.name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return keys
}
