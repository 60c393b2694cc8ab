import { join } from 'node:path'
import { DEVNET_PARAMS, PRODUCTION_PARAMS, TEST_PARAMS, type ChunkParams } from '../protocol/index.ts'
import { buildDev, buildProd, type BuildResult } from './build/pipeline.ts'
import type { ProdContribution } from './setup/prod-setup.ts'
import type { Logger } from './setup/libs.ts'
import { writeChunkCircuitSources } from './generate/chunkCircuitSources.ts'

/** The named parameter sets of `protocol/params.ts`. */
export const PARAMS_BY_NAME: Record<string, ChunkParams> = { test: TEST_PARAMS, devnet: DEVNET_PARAMS, production: PRODUCTION_PARAMS }

/**
 * Builds the chunk circuit for `params` end to end: generates its main and constants from
 * `protocol/`, compiles with circom2 (`--O2`, `--inspect`), runs the setup (the INSECURE
 * deterministic development setup, or the production setup from a `.ptau` with phase-2
 * contributions and an optional beacon), exports the verification key and the Solidity
 * verifier, and writes the manifest of artifact hashes that `check` reproduces.
 *
 * @example
 * ```ts
 * const { manifestPath } = await buildChunkCircuit({ params: TEST_PARAMS, setup: { kind: 'dev' } })
 * ```
 */
export async function buildChunkCircuit(params: {
  params: ChunkParams
  setup: { kind: 'dev' } | { kind: 'prod'; ptau: string; contributions: ProdContribution[]; beacon?: { hashHex: string; iterationsExp?: number } }
  outDir?: string
  logger?: Logger
}): Promise<BuildResult> {
  const outDir = params.outDir ?? join('build', 'circuits')
  const { dir, main } = writeChunkCircuitSources({ params: params.params, outDir })
  const common = {
    main,
    includePaths: ['circuits/src', dir, 'node_modules'],
    outDir: join(dir, params.setup.kind === 'dev' ? 'dev' : 'prod'),
    inspect: true,
    ...(params.logger ? { logger: params.logger } : {}),
  }
  if (params.setup.kind === 'dev') return buildDev(common)
  return buildProd({ ...common, ptau: params.setup.ptau, contributions: params.setup.contributions, ...(params.setup.beacon ? { beacon: params.setup.beacon } : {}) })
}
