/**
 * Writes `l1-contracts/abi/abis.ts`: the typed ABIs of the rollup contracts, committed so that
 * the rest of the code type-checks before any build has run. `abi.test.ts` fails when the file
 * is stale; regenerate with `npx tsx l1-contracts/abi/generate.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Abi } from 'viem'
import { compileContracts } from '../build/compile.ts'
import { tsIdentifier } from '../build/abiModuleSource.ts'
import { mergeAbis } from './mergeAbis.ts'

/** Contracts whose ABIs the module exports, with what each is. */
export const ABI_CONTRACTS = {
  CounterweightRollup: 'The rollup: queue, batches, exits, escape mode (run in `EscapeHatch` by delegatecall, listed here), sequencer role and bond.',
  IChunkVerifier: 'The Groth16 verifier of the chunk circuit (`verifyProof` with eleven public inputs).',
  PreconfirmationSlasher: 'Slashes the sequencer bond for a broken preconfirmation (created by the rollup: `slasher()`).',
  InsecureMockChunkVerifier: 'TESTS ONLY, INSECURE: accepts fake proofs bound to the public inputs.',
  TestToken: 'TESTS ONLY: a mintable ERC-20 with a transfer fee and a blocklist.',
} as const

/**
 * Contracts whose fallback delegatecalls another contract's code: that contract's functions,
 * events and errors are called on (and come from) the first one's address, so its ABI lists them.
 *
 * @example
 * ```ts
 * DELEGATED_ABIS.CounterweightRollup // 'EscapeHatch'
 * ```
 */
export const DELEGATED_ABIS = { CounterweightRollup: 'EscapeHatch' } as const

/** Path of the generated module. */
export const ABI_MODULE = join(dirname(fileURLToPath(import.meta.url)), 'abis.ts')

/**
 * The source of `abis.ts` for the current Solidity sources (compiles them, cached).
 *
 * @example
 * ```ts
 * readFileSync(ABI_MODULE, 'utf8') === (await abiModule()) // up to date
 * ```
 */
export async function abiModule(): Promise<string> {
  const { contracts } = await compileContracts({})
  const parts = [
    '/**',
    ' * Typed ABIs of the L1 contracts, generated from l1-contracts/src by',
    ' * `npx tsx l1-contracts/abi/generate.ts` (abi.test.ts checks it is current); do not edit.',
    ' *',
    ' * @example',
    ' * ```ts',
    " * import { counterweightRollupAbi } from './abis.ts'",
    " * await publicClient.readContract({ address, abi: counterweightRollupAbi, functionName: 'domain' })",
    ' * ```',
    ' */',
  ]
  for (const [name, what] of Object.entries(ABI_CONTRACTS)) {
    const artifact = contracts.find((c) => c.contractName === name)
    if (!artifact) throw new Error(`no artifact for ${name}`)
    const delegate = DELEGATED_ABIS[name as keyof typeof DELEGATED_ABIS]
    const module = delegate && contracts.find((c) => c.contractName === delegate)
    if (delegate && !module) throw new Error(`no artifact for ${delegate}`)
    const abi = module ? mergeAbis({ primary: artifact.abi, delegated: module.abi }) : artifact.abi
    parts.push('', `/** ${what} */`, `export const ${tsIdentifier(name)}Abi = ${JSON.stringify(strip(abi), null, 2)} as const`)
  }
  return `${parts.join('\n')}\n`
}

/** Drops `internalType` (Solidity-only detail) to keep the module small. */
function strip(abi: Abi): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'internalType').map(([k, x]) => [k, walk(x)]))
    }
    return v
  }
  return walk(abi)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const source = await abiModule()
  const old = (() => {
    try {
      return readFileSync(ABI_MODULE, 'utf8')
    } catch {
      return ''
    }
  })()
  if (old === source) console.log('abis.ts is up to date')
  else {
    writeFileSync(ABI_MODULE, source)
    console.log(`wrote ${ABI_MODULE}`)
  }
}
