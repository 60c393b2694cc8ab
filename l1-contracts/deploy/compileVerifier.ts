import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileContracts } from '../build/compile.ts'
import type { ContractArtifact } from '../build/artifact.ts'
import { L1ContractsError } from '../build/errors.ts'
import { L1_PATHS } from '../build/paths.ts'

/**
 * Compiles a snarkjs-generated Solidity verifier (e.g. `ensureChunkKeys(...).verifier`) with
 * the project's solc-js build, cached under `build/l1-verifiers/<sha256 of the source>/`, and
 * returns its artifact (contract `Groth16Verifier`).
 *
 * @example
 * ```ts
 * const keys = await ensureChunkKeys({ params: TEST_PARAMS })
 * const artifact = await compileVerifier({ solPath: keys.verifier })
 * ```
 */
export async function compileVerifier(params: { solPath: string; contractName?: string }): Promise<ContractArtifact> {
  const { solPath, contractName = 'Groth16Verifier' } = params
  if (!existsSync(solPath)) throw new L1ContractsError('CONTRACT_NOT_FOUND', `no verifier source at ${solPath}`)
  const source = readFileSync(solPath)
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16)
  const base = join(L1_PATHS.root, 'build', 'l1-verifiers', hash)
  const sourcesDir = join(base, 'src')
  mkdirSync(sourcesDir, { recursive: true })
  copyFileSync(solPath, join(sourcesDir, 'Verifier.sol'))
  const { contracts } = await compileContracts({ sourcesDir, outDir: join(base, 'out'), poseidonInputs: [] })
  const artifact = contracts.find((c) => c.contractName === contractName)
  if (!artifact) throw new L1ContractsError('CONTRACT_NOT_FOUND', `${solPath} has no contract ${contractName} (found ${contracts.map((c) => c.contractName).join(', ')})`)
  return artifact
}
