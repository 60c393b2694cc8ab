import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

/**
 * Folders of the L1 build, as absolute paths: the repository root, the Solidity sources
 * (`l1-contracts/src`), the artifact folder (`l1-contracts/build/contracts`, git-ignored) and
 * the code of the build and of the Poseidon generator (part of the cache key).
 *
 * @example
 * ```ts
 * import { L1_PATHS } from './paths.ts'
 * L1_PATHS.contracts // '/work/main/l1-contracts/build/contracts'
 * ```
 */
export const L1_PATHS = {
  root: resolve(here, '..', '..'),
  sources: resolve(here, '..', 'src'),
  contracts: join(here, 'contracts'),
  forge: resolve(here, '..', 'forge'),
  buildCode: here,
  poseidonCode: resolve(here, '..', 'poseidon'),
} as const
