/**
 * The L1 build: generates the Poseidon hashers, compiles the Solidity sources with solc-js's
 * standard-JSON interface and writes artifacts and typed ABI modules, cached by a hash of
 * everything that goes in. Run it directly to build: `npx tsx l1-contracts/build/compile.ts
 * [--force]`.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Abi, Hex } from 'viem'
import { abiModuleSource, tsIdentifier } from './abiModuleSource.ts'
import type { ContractArtifact } from './artifact.ts'
import { CompileError, L1ContractsError, type SolcDiagnostic } from './errors.ts'
import { L1_PATHS } from './paths.ts'
import { POSEIDON_L1_INPUTS, poseidonArtifacts } from './poseidonArtifacts.ts'
import { createImportResolver } from './resolveImport.ts'

/**
 * EVM versions the build accepts: Cancun (blobs) or later.
 *
 * @example
 * ```ts
 * await compileContracts({ evmVersion: 'osaka' satisfies EvmVersion })
 * ```
 */
export type EvmVersion = 'cancun' | 'prague' | 'osaka'

/**
 * Parameters of {@link compileContracts}; every field has a default.
 *
 * @example
 * ```ts
 * const params: CompileParams = { optimizer: { runs: 10_000 }, poseidonInputs: [2, 5] }
 * await compileContracts(params)
 * ```
 */
export interface CompileParams {
  /** Folder of the Solidity sources, searched recursively (default `l1-contracts/src`). */
  sourcesDir?: string
  /** Where artifacts go (default `l1-contracts/build/contracts`, git-ignored). Owned by the build: stale files are removed. */
  outDir?: string
  /** Optimizer settings (default enabled, 200 runs). */
  optimizer?: { enabled?: boolean; runs?: number }
  /** Compile through the IR pipeline (default false). */
  viaIR?: boolean
  /** Default `prague`, the hardfork the tests run anvil with. */
  evmVersion?: EvmVersion
  /** Poseidon hashers to generate, by input count (default 2, 3, 4, 5; `[]` for none). */
  poseidonInputs?: readonly number[]
  /** Folders searched for imports after the repository root (default `node_modules`). */
  includePaths?: readonly string[]
  /** solc remappings, e.g. `['@oz/=node_modules/@openzeppelin/contracts/']`. */
  remappings?: readonly string[]
  /** Rebuild even if the cache says nothing changed. */
  force?: boolean
}

/**
 * What {@link compileContracts} produced.
 *
 * @example
 * ```ts
 * const { cached, contracts, warnings }: CompileResult = await compileContracts({})
 * ```
 */
export interface CompileResult {
  outDir: string
  /** sha256 of the sources, imports, compiler version and settings, and the build's own code. */
  cacheKey: string
  /** True when nothing changed and the artifacts on disk were reused. */
  cached: boolean
  /** Every artifact, sorted by name. */
  contracts: ContractArtifact[]
  /** solc's warnings, formatted (empty on a cached run). */
  warnings: string[]
}

interface CacheMarker {
  cacheKey: string
  contracts: string[]
  /** Files solc read beyond the sources folder (imports), with their sha256. */
  imports: Record<string, string>
}

const MARKER = '.build.json'

/**
 * Builds the L1 contracts: generates the Poseidon hashers (`PoseidonT3` ... `PoseidonT6`),
 * compiles every `.sol` file under `sourcesDir` with solc-js (standard JSON; imports resolved
 * from the repository root and node_modules), and writes for each contract
 * `<outDir>/<Name>.json` (`abi`, `bytecode`, `deployedBytecode`; forge's `vm.getCode` reads
 * it too) and `<outDir>/<Name>.ts` (`export const <name>Abi = [...] as const` and
 * `<name>Bytecode`), plus `<outDir>/index.ts`.
 *
 * The build is cached: a second run with the same sources, imports, compiler, settings and
 * build code returns the artifacts on disk without loading solc. Output is reproducible (the
 * same input gives the same bytecode). Compiler errors throw a {@link CompileError} whose
 * message holds solc's formatted diagnostics.
 *
 * @example
 * ```ts
 * const { contracts, cached } = await compileContracts({})
 * const t3 = contracts.find((c) => c.contractName === 'PoseidonT3')!
 * await compileContracts({ optimizer: { runs: 10_000 }, evmVersion: 'osaka', force: true })
 * ```
 */
export async function compileContracts(params: CompileParams = {}): Promise<CompileResult> {
  const {
    sourcesDir = L1_PATHS.sources,
    outDir = L1_PATHS.contracts,
    optimizer = {},
    viaIR = false,
    evmVersion = 'prague',
    poseidonInputs = POSEIDON_L1_INPUTS,
    includePaths = ['node_modules'],
    remappings = [],
    force = false,
  } = params
  const root = L1_PATHS.root
  const settings = {
    optimizer: { enabled: optimizer.enabled ?? true, runs: optimizer.runs ?? 200 },
    viaIR,
    evmVersion,
    remappings: [...remappings],
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.bytecode.linkReferences', 'evm.deployedBytecode.object'] } },
  }
  const sources = collectSources({ dir: sourcesDir, root })
  const cacheKey = sha256(
    JSON.stringify({
      solc: solcPackageVersion(),
      settings,
      poseidonInputs,
      includePaths,
      sources: sources.map(({ name, content }) => [name, sha256(content)]),
      tools: toolFiles().map((f) => [relative(root, f), sha256(readFileSync(f, 'utf8'))]),
    }),
  )

  if (!force) {
    const cached = readCache({ outDir, cacheKey, root })
    if (cached) return { outDir, cacheKey, cached: true, contracts: cached, warnings: [] }
  }

  const artifacts: ContractArtifact[] = poseidonArtifacts({ inputs: poseidonInputs })
  const warnings: string[] = []
  const imports: Record<string, string> = {}
  if (sources.length > 0) {
    const input = { language: 'Solidity', sources: Object.fromEntries(sources.map(({ name, content }) => [name, { content }])), settings }
    const solc = await loadSolc()
    const output = JSON.parse(solc.compile(JSON.stringify(input), { import: createImportResolver({ root, includePaths }) })) as SolcOutput
    const diagnostics = output.errors ?? []
    if (diagnostics.some((e) => e.severity === 'error')) throw new CompileError({ errors: diagnostics, context: `${sources.length} sources under ${relative(root, sourcesDir) || '.'}` })
    for (const d of diagnostics) if (d.severity === 'warning') warnings.push(d.formattedMessage ?? d.message ?? '')
    const local = new Set(sources.map((s) => s.name))
    for (const name of Object.keys(output.sources ?? {})) {
      if (local.has(name)) continue
      const resolved = createImportResolver({ root, includePaths })(name)
      if ('contents' in resolved) imports[name] = sha256(resolved.contents)
    }
    for (const [sourceName, contracts] of Object.entries(output.contracts ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      for (const [contractName, c] of Object.entries(contracts)) {
        artifacts.push({
          contractName,
          sourceName,
          abi: c.abi,
          bytecode: `0x${c.evm.bytecode.object}` as Hex,
          deployedBytecode: `0x${c.evm.deployedBytecode.object}` as Hex,
          linkReferences: c.evm.bytecode.linkReferences ?? {},
        })
      }
    }
  }
  const seen = new Map<string, string>()
  for (const a of artifacts) {
    const other = seen.get(a.contractName)
    if (other !== undefined) throw new L1ContractsError('DUPLICATE_CONTRACT', `two contracts named ${a.contractName} (${other} and ${a.sourceName}); artifacts are named by contract, so rename one`)
    seen.set(a.contractName, a.sourceName)
  }
  artifacts.sort((a, b) => a.contractName.localeCompare(b.contractName))
  writeOutputs({ outDir, artifacts, marker: { cacheKey, contracts: artifacts.map((a) => a.contractName), imports } })
  return { outDir, cacheKey, cached: false, contracts: artifacts, warnings }
}

interface SolcOutput {
  errors?: SolcDiagnostic[]
  sources?: Record<string, unknown>
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string; linkReferences?: ContractArtifact['linkReferences'] }; deployedBytecode: { object: string } } }>>
}

interface Solc {
  compile(input: string, callbacks: { import: (path: string) => { contents: string } | { error: string } }): string
}

async function loadSolc(): Promise<Solc> {
  const mod = (await import('solc')) as unknown as { default?: Solc } & Solc
  return mod.default ?? mod
}

function solcPackageVersion(): string {
  const require = createRequire(import.meta.url)
  return (JSON.parse(readFileSync(require.resolve('solc/package.json'), 'utf8')) as { version: string }).version
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function collectSources(params: { dir: string; root: string }): { name: string; content: string }[] {
  const { dir, root } = params
  const out: { name: string; content: string }[] = []
  const walk = (d: string): void => {
    if (!existsSync(d)) return
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry)
      if (statSync(p).isDirectory()) walk(p)
      else if (entry.endsWith('.sol')) out.push({ name: relative(root, p).split(sep).join('/'), content: readFileSync(p, 'utf8') })
    }
  }
  walk(resolve(dir))
  return out
}

/**
 * The build's own code, the Poseidon generator and the protocol code the Poseidon constants
 * come from: a change to any of them invalidates the cache.
 */
function toolFiles(): string[] {
  const own = [L1_PATHS.buildCode, L1_PATHS.poseidonCode].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .sort()
      .map((f) => join(d, f)),
  )
  const protocol = ['protocol/poseidon/grain.ts', 'protocol/poseidon/poseidonReference.ts', 'protocol/field/field.ts'].map((f) => join(L1_PATHS.root, f)).filter((f) => existsSync(f))
  return [...own, ...protocol]
}

function readCache(params: { outDir: string; cacheKey: string; root: string }): ContractArtifact[] | undefined {
  const { outDir, cacheKey, root } = params
  try {
    const marker = JSON.parse(readFileSync(join(outDir, MARKER), 'utf8')) as CacheMarker
    if (marker.cacheKey !== cacheKey) return undefined
    const resolveImport = createImportResolver({ root })
    for (const [name, hash] of Object.entries(marker.imports)) {
      const r = resolveImport(name)
      if (!('contents' in r) || sha256(r.contents) !== hash) return undefined
    }
    return marker.contracts.map((name) => JSON.parse(readFileSync(join(outDir, `${name}.json`), 'utf8')) as ContractArtifact)
  } catch {
    return undefined
  }
}

/** Writes every file through a temporary name and a rename, so a concurrent reader never sees half a file. */
function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  writeFileSync(tmp, content)
  renameSync(tmp, file)
}

function writeOutputs(params: { outDir: string; artifacts: readonly ContractArtifact[]; marker: CacheMarker }): void {
  const { outDir, artifacts, marker } = params
  mkdirSync(outDir, { recursive: true })
  const keep = new Set([MARKER, 'index.ts', ...artifacts.flatMap((a) => [`${a.contractName}.json`, `${a.contractName}.ts`])])
  for (const f of readdirSync(outDir)) {
    if (!keep.has(f) && (f.endsWith('.json') || f.endsWith('.ts'))) rmSync(join(outDir, f), { force: true })
  }
  for (const artifact of artifacts) {
    writeAtomic(join(outDir, `${artifact.contractName}.json`), `${JSON.stringify(artifact, null, 2)}\n`)
    writeAtomic(join(outDir, `${artifact.contractName}.ts`), abiModuleSource({ artifact }))
  }
  const index = [
    '/**',
    ' * Typed ABIs and creation code of every L1 contract. Generated by l1-contracts/build/compile.ts; do not edit.',
    ' *',
    ' * @example',
    ' * ```ts',
    ` * import { ${artifacts[0] ? `${tsIdentifier(artifacts[0].contractName)}Abi` : 'someAbi'} } from '../l1-contracts/build/contracts/index.ts'`,
    ' * ```',
    ' */',
    ...artifacts.map((a) => `export * from './${a.contractName}.ts'`),
    ...(artifacts.length === 0 ? ['export {}'] : []),
    '',
  ].join('\n')
  writeAtomic(join(outDir, 'index.ts'), index)
  writeAtomic(join(outDir, MARKER), `${JSON.stringify(marker, null, 2)}\n`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now()
  try {
    const result = await compileContracts({ force: process.argv.includes('--force') })
    for (const w of result.warnings) console.warn(w)
    const ms = (performance.now() - started).toFixed(0)
    console.log(`${result.cached ? 'up to date' : 'built'} in ${ms} ms: ${relative(process.cwd(), result.outDir)} (cache key ${result.cacheKey.slice(0, 12)})`)
    for (const c of result.contracts) console.log(`  ${c.contractName.padEnd(24)} ${String((c.deployedBytecode.length - 2) / 2).padStart(6)} bytes  ${c.sourceName}`)
  } catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  }
}
