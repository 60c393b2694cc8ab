import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import type { ChunkParams } from '../../protocol/index.ts'
import { circuitName, constantsCircom, chunkMainCircom, writeChunkCircuitSources } from '../generate/chunkCircuitSources.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** Paths of a compiled chunk circuit. */
export interface CompiledChunkCircuit {
  name: string
  dir: string
  r1cs: string
  wasm: string
  sym: string
  /** sha256 over the circom sources and the generated files: the cache key. */
  sourceHash: string
}

/**
 * sha256 of everything the chunk circuit is compiled from: `circuits/src/*.circom`, the
 * generated main and constants for `params`, and the circomlib version.
 *
 * @example
 * ```ts
 * chunkSourceHash(TEST_PARAMS) // 'a3f1...'
 * ```
 */
export function chunkSourceHash(params: ChunkParams): string {
  const h = createHash('sha256')
  const src = join(ROOT, 'circuits', 'src')
  for (const f of readdirSync(src).filter((f) => f.endsWith('.circom')).sort()) {
    h.update(f)
    h.update(readFileSync(join(src, f)))
  }
  h.update(constantsCircom())
  h.update(chunkMainCircom(params))
  h.update(readFileSync(join(ROOT, 'node_modules', 'circomlib', 'package.json')))
  return h.digest('hex')
}

/**
 * Compiles the chunk circuit for `params` with circom2 (`--O2`) into
 * `build/circuits/<name>/`, unless a build of the same sources is already there. Safe to call
 * from parallel test processes: one compiles while the others wait on a lock folder.
 *
 * @example
 * ```ts
 * const { wasm, r1cs } = ensureChunkCircuit({ params: TEST_PARAMS })
 * ```
 */
export function ensureChunkCircuit(params: { params: ChunkParams; log?: (line: string) => void }): CompiledChunkCircuit {
  const log = params.log ?? ((l: string) => process.stderr.write(`${l}\n`))
  const name = circuitName(params.params)
  const outDir = join('build', 'circuits')
  const dir = join(ROOT, outDir, name)
  const sourceHash = chunkSourceHash(params.params)
  const result: CompiledChunkCircuit = {
    name,
    dir,
    r1cs: join(dir, 'main.r1cs'),
    wasm: join(dir, 'main_js', 'main.wasm'),
    sym: join(dir, 'main.sym'),
    sourceHash,
  }
  const stamp = join(dir, 'source.sha256')
  const fresh = (): boolean => existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash && existsSync(result.wasm) && existsSync(result.r1cs)
  if (fresh()) return result
  mkdirSync(join(ROOT, outDir), { recursive: true })
  const lock = join(ROOT, outDir, `${name}.lock`)
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // another process compiles: wait, and take over a lock older than 10 minutes
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true })
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
      if (fresh()) return result
    }
  }
  try {
    if (fresh()) return result
    const { main } = writeChunkCircuitSources({ params: params.params, outDir })
    log(`compiling ${name} with circom2 --O2 ...`)
    const started = Date.now()
    const out = execFileSync(
      join(ROOT, 'node_modules', '.bin', 'circom2'),
      [main, '--O2', '--r1cs', '--wasm', '--sym', '-l', 'circuits/src', '-l', join(outDir, name), '-l', 'node_modules', '-o', join(outDir, name)],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    )
    const constraints = /non-linear constraints: (\d+)/.exec(out)?.[1]
    log(`compiled ${name}: ${constraints} constraints in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    writeFileSync(stamp, sourceHash)
    return result
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}
