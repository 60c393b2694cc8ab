import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ChunkParams } from '../../protocol/index.ts'
import { chunkMainCircom, constantsCircom } from '../generate/chunkCircuitSources.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

/**
 * sha256 of everything the chunk circuit is built from: `circuits/src/*.circom`, the generated
 * main and constants for `params`, and the circomlib and snarkjs versions.
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
  for (const pkg of ['circomlib', 'snarkjs', 'circom2']) h.update(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json')))
  return h.digest('hex')
}
