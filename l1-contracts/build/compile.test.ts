import { mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadArtifact, listArtifacts } from './artifact.ts'
import { compileContracts } from './compile.ts'
import { CompileError, ContractNotFoundError, L1ContractsError } from './errors.ts'
import { L1_PATHS } from './paths.ts'
import { createImportResolver } from './resolveImport.ts'
import { tsIdentifier } from './abiModuleSource.ts'

/** Scratch folders inside the repository (imports must resolve below the root), git-ignored under build/. */
const scratch = join(L1_PATHS.buildCode, 'test-tmp', `compile-${process.pid}`)
const dir = (name: string): string => {
  const d = join(scratch, name)
  rmSync(d, { recursive: true, force: true })
  mkdirSync(d, { recursive: true })
  return d
}

const COUNTER = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {Lib} from "./Lib.sol";
contract Counter {
    event Bumped(uint256 n);
    uint256 public n;
    function bump(uint256 by) external returns (uint256) { n = Lib.add(n, by); emit Bumped(n); return n; }
}
`
const LIB = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
library Lib { function add(uint256 a, uint256 b) internal pure returns (uint256) { return a + b; } }
`

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
  try {
    rmdirSync(join(scratch, '..'))
  } catch {
    // another run still uses it
  }
})

describe('compileContracts', () => {
  it('compiles, writes artifacts and typed ABI modules, and is reproducible', async () => {
    const src = dir('src')
    writeFileSync(join(src, 'Counter.sol'), COUNTER)
    writeFileSync(join(src, 'Lib.sol'), LIB)
    const a = await compileContracts({ sourcesDir: src, outDir: dir('out-a'), poseidonInputs: [2], force: true })
    const b = await compileContracts({ sourcesDir: src, outDir: dir('out-b'), poseidonInputs: [2], force: true })
    expect(a.cached).toBe(false)
    expect(a.contracts.map((c) => c.contractName)).toEqual(['Counter', 'Lib', 'PoseidonT3'])
    expect(b.contracts).toEqual(a.contracts)
    expect(a.cacheKey).toBe(b.cacheKey)
    for (const name of ['Counter', 'PoseidonT3']) {
      expect(readFileSync(join(a.outDir, `${name}.json`), 'utf8')).toBe(readFileSync(join(b.outDir, `${name}.json`), 'utf8'))
    }
    const counter = loadArtifact({ name: 'Counter', dir: a.outDir })
    expect(counter.sourceName).toMatch(/Counter\.sol$/)
    expect(counter.bytecode).toMatch(/^0x6080/)
    expect(counter.abi.map((x) => ('name' in x ? x.name : x.type))).toEqual(expect.arrayContaining(['bump', 'n', 'Bumped']))
    const mod = (await import(join(a.outDir, 'Counter.ts'))) as { counterAbi: unknown; counterBytecode: string }
    expect(mod.counterAbi).toEqual(counter.abi)
    expect(mod.counterBytecode).toBe(counter.bytecode)
    const index = readFileSync(join(a.outDir, 'index.ts'), 'utf8')
    expect(index).toContain("export * from './Counter.ts'")
    expect(listArtifacts({ dir: a.outDir })).toEqual(['Counter', 'Lib', 'PoseidonT3'])
  }, 60_000)

  it('is cached: a second run with the same input is instant and a change rebuilds', async () => {
    const src = dir('src-cache')
    writeFileSync(join(src, 'Counter.sol'), COUNTER)
    writeFileSync(join(src, 'Lib.sol'), LIB)
    const outDir = dir('out-cache')
    const first = await compileContracts({ sourcesDir: src, outDir, poseidonInputs: [2] })
    expect(first.cached).toBe(false)
    const started = performance.now()
    const second = await compileContracts({ sourcesDir: src, outDir, poseidonInputs: [2] })
    const ms = performance.now() - started
    expect(second.cached).toBe(true)
    expect(second.contracts).toEqual(first.contracts)
    expect(ms).toBeLessThan(300)
    const other = await compileContracts({ sourcesDir: src, outDir, poseidonInputs: [2], optimizer: { runs: 10_000 } })
    expect(other.cached).toBe(false)
    expect(other.cacheKey).not.toBe(first.cacheKey)
    writeFileSync(join(src, 'Lib.sol'), LIB.replace('a + b', 'b + a'))
    const edited = await compileContracts({ sourcesDir: src, outDir, poseidonInputs: [2], optimizer: { runs: 10_000 } })
    expect(edited.cached).toBe(false)
    // Dropping a contract removes its stale artifact.
    const fewer = await compileContracts({ sourcesDir: src, outDir, poseidonInputs: [] })
    expect(listArtifacts({ dir: outDir })).toEqual(['Counter', 'Lib'])
    expect(fewer.contracts.map((c) => c.contractName)).toEqual(['Counter', 'Lib'])
  }, 60_000)

  it('fails with readable compiler errors', async () => {
    const src = dir('src-broken')
    writeFileSync(join(src, 'Broken.sol'), '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract Broken { function f() external { uint x = ; } }\n')
    const err = await compileContracts({ sourcesDir: src, outDir: dir('out-broken'), poseidonInputs: [], force: true }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CompileError)
    expect((err as CompileError).code).toBe('COMPILE_FAILED')
    expect((err as CompileError).message).toMatch(/ParserError/)
    expect((err as CompileError).message).toMatch(/Broken\.sol:3/)
  }, 60_000)

  it('names a missing import and where it looked', async () => {
    const src = dir('src-import')
    writeFileSync(join(src, 'UsesOz.sol'), '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\nimport {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";\ncontract UsesOz {}\n')
    const err = await compileContracts({ sourcesDir: src, outDir: dir('out-import'), poseidonInputs: [], force: true }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CompileError)
    expect((err as Error).message).toMatch(/@openzeppelin\/contracts\/token\/ERC20\/IERC20\.sol/)
  }, 60_000)

  it('refuses two contracts of the same name', async () => {
    const src = dir('src-dup')
    mkdirSync(join(src, 'a'))
    mkdirSync(join(src, 'b'))
    writeFileSync(join(src, 'a', 'X.sol'), '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract X {}\n')
    writeFileSync(join(src, 'b', 'X.sol'), '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract X { uint256 y; }\n')
    const err = await compileContracts({ sourcesDir: src, outDir: dir('out-dup'), poseidonInputs: [], force: true }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(L1ContractsError)
    expect((err as L1ContractsError).code).toBe('DUPLICATE_CONTRACT')
  }, 60_000)
})

describe('artifacts and helpers', () => {
  it('loadArtifact names what exists when asked for something missing', () => {
    const d = dir('empty')
    expect(() => loadArtifact({ name: 'Rollup', dir: d })).toThrow(ContractNotFoundError)
  })

  it('resolves imports below the root and node_modules only', () => {
    const resolve = createImportResolver({ root: L1_PATHS.root })
    expect('contents' in resolve('l1-contracts/src/poseidon/IPoseidon.sol')).toBe(true)
    expect(resolve('/etc/passwd')).toHaveProperty('error')
    expect(resolve('../outside.sol')).toHaveProperty('error')
  })

  it('turns contract names into TypeScript identifiers', () => {
    expect(['PoseidonT3', 'ERC20Mock', 'IPoseidonT3', 'L1Queue', 'Rollup', 'X'].map(tsIdentifier)).toEqual(['poseidonT3', 'erc20Mock', 'iPoseidonT3', 'l1Queue', 'rollup', 'x'])
  })
})
