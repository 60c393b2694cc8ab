import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CompileError, L1ContractsError } from './errors.ts'
import { L1_PATHS } from './paths.ts'
import { createImportResolver } from './resolveImport.ts'

/** One state variable as solc's `storageLayout` lists it. */
export interface StorageEntry {
  /** Declaring contract, `source:Name`. */
  contract: string
  label: string
  slot: string
  offset: number
  /** solc's type id, e.g. `t_mapping(t_uint256,t_uint256)`. */
  type: string
}

/**
 * The storage layouts of `contracts` (each declared in `source`, a path under the repository
 * root), in slot order, from one solc-js run (analysis only, no code generation: a few
 * seconds), so that type ids agree between them. `contract` in each entry is the most derived
 * contract, as solc reports it. Used to check that `EscapeHatch`, run by delegatecall on the
 * rollup's storage, sees the same slots.
 *
 * @example
 * ```ts
 * const [rollup] = await storageLayouts({ contracts: [{ source: 'l1-contracts/src/rollup/CounterweightRollup.sol', contract: 'CounterweightRollup' }] })
 * rollup![0] // { contract: '...:CounterweightRollup', label: '_heads', slot: '0', offset: 0, type: 't_struct(Heads)..._storage' }
 * ```
 */
export async function storageLayouts(params: { contracts: readonly { source: string; contract: string }[] }): Promise<StorageEntry[][]> {
  const root = L1_PATHS.root
  const sources = [...new Set(params.contracts.map((c) => c.source))]
  const selection: Record<string, Record<string, string[]>> = {}
  for (const c of params.contracts) selection[c.source] = { ...selection[c.source], [c.contract]: ['storageLayout'] }
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(sources.map((s) => [s, { content: readFileSync(join(root, s), 'utf8') }])),
    settings: { outputSelection: selection },
  }
  const mod = (await import('solc')) as unknown as { default?: SolcLike } & SolcLike
  const solc = mod.default ?? mod
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: createImportResolver({ root, includePaths: ['node_modules'] }) })) as {
    errors?: { severity: string; message: string; formattedMessage?: string }[]
    contracts?: Record<string, Record<string, { storageLayout?: { storage: StorageEntry[] } }>>
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new CompileError({ errors, context: sources.join(', ') })
  return params.contracts.map((c) => {
    const layout = output.contracts?.[c.source]?.[c.contract]?.storageLayout
    if (!layout) throw new L1ContractsError('CONTRACT_NOT_FOUND', `no contract ${c.contract} in ${c.source}`)
    return layout.storage.map(({ contract, label, slot, offset, type }) => ({ contract, label, slot, offset, type }))
  })
}

interface SolcLike {
  compile(input: string, callbacks: { import: (path: string) => { contents: string } | { error: string } }): string
}
