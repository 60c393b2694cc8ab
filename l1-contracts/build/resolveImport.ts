import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'

/**
 * What solc-js's import callback returns.
 *
 * @example
 * ```ts
 * const r: ImportResult = createImportResolver({ root })('l1-contracts/src/poseidon/IPoseidon.sol')
 * if ('error' in r) throw new Error(r.error)
 * ```
 */
export type ImportResult = { contents: string } | { error: string }

/**
 * An import callback for solc-js's `compile(input, { import })`. Source unit names are paths
 * relative to `root` (the repository root, as forge names them); an import is looked up
 * under `root`, then under each of `includePaths` (default `node_modules`, so
 * `@openzeppelin/contracts/...` or `solady/...` resolve when installed). Files outside these
 * folders are refused, and a missing file gets an error that lists where it was looked for.
 *
 * @example
 * ```ts
 * const resolveImport = createImportResolver({ root: '/work/main' })
 * resolveImport('l1-contracts/src/poseidon/IPoseidon.sol') // { contents: '// SPDX...' }
 * resolveImport('@openzeppelin/contracts/token/ERC20/IERC20.sol') // { error: '... not found ...' } when not installed
 * ```
 */
export function createImportResolver(params: { root: string; includePaths?: readonly string[] }): (path: string) => ImportResult {
  const root = realpathSync(params.root)
  const bases = [root, ...(params.includePaths ?? ['node_modules']).map((p) => resolve(root, p))]
  const inside = (file: string): boolean => bases.some((base) => {
    const rel = relative(base, file)
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  })
  return (path: string): ImportResult => {
    const tried: string[] = []
    for (const base of bases) {
      const candidate = isAbsolute(path) ? path : join(base, path)
      tried.push(candidate)
      if (!existsSync(candidate) || !statSync(candidate).isFile()) continue
      const file = realpathSync(candidate)
      if (!inside(file)) return { error: `import ${path} resolves to ${file}, outside ${bases.join(', ')}` }
      return { contents: readFileSync(file, 'utf8') }
    }
    const hint = /^(@openzeppelin|solady)\//.test(path) ? ' (the package is not installed; add it to package.json first)' : ''
    return { error: `import ${path} not found; looked for ${tried.join(', ')}${hint}` }
  }
}
