import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ChunkParams } from '../../protocol/index.ts'
import { buildChunkCircuit } from '../buildChunkCircuit.ts'
import { circuitName } from '../generate/chunkCircuitSources.ts'
import { releaseSnarkjsCurve } from '../setup/libs.ts'
import { withBuildLock } from './buildLock.ts'
import { chunkSourceHash } from './chunkSourceHash.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** A compiled chunk circuit with its insecure development keys. */
export interface ChunkKeys {
  name: string
  r1cs: string
  wasm: string
  zkey: string
  vkey: string
  /** Solidity source of the Groth16 verifier exported from the zkey. */
  verifier: string
  manifest: string
  /** sha256 over the circom sources and the generated files: the cache key. */
  sourceHash: string
}

/**
 * The chunk circuit for `params`, built with `buildChunkCircuit` (compile, INSECURE
 * deterministic development setup, vkey, Solidity verifier, manifest) in
 * `build/circuits/<name>/dev/`, and reused while the circuit sources do not change. Safe to
 * call from parallel test processes: one builds while the others wait. For tests, benches and
 * the devnet.
 *
 * @example
 * ```ts
 * const { wasm, zkey, vkey, verifier } = await ensureChunkKeys({ params: TEST_PARAMS })
 * ```
 */
export async function ensureChunkKeys(params: { params: ChunkParams; log?: (line: string) => void }): Promise<ChunkKeys> {
  const log = params.log ?? ((l: string) => process.stderr.write(`${l}\n`))
  const name = circuitName(params.params)
  const dir = join(ROOT, 'build', 'circuits', name, 'dev')
  const stem = 'main.insecure-dev'
  const sourceHash = chunkSourceHash(params.params)
  const keys: ChunkKeys = {
    name,
    r1cs: join(dir, 'main.r1cs'),
    wasm: join(dir, 'main_js', 'main.wasm'),
    zkey: join(dir, `${stem}.zkey`),
    vkey: join(dir, `${stem}.vkey.json`),
    verifier: join(dir, `${stem}.verifier.sol`),
    manifest: join(dir, `${stem}.manifest.json`),
    sourceHash,
  }
  const stamp = join(dir, 'source.sha256')
  const ready = (): boolean =>
    existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash && [keys.wasm, keys.zkey, keys.vkey, keys.verifier].every((f) => existsSync(f))
  return withBuildLock({
    lock: join(ROOT, 'build', 'circuits', `${name}.lock`),
    ready,
    whenReady: () => keys,
    fn: async () => {
      const started = Date.now()
      log(`building ${name}: compile + INSECURE development setup ...`)
      const quiet = { info: () => {}, debug: () => {}, warn: log, error: log }
      await buildChunkCircuit({ params: params.params, setup: { kind: 'dev' }, logger: quiet as never })
      await releaseSnarkjsCurve()
      writeFileSync(stamp, sourceHash)
      log(`${name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      return keys
    },
  })
}
