import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { buildChunkCircuit, ensureChunkKeys, PARAMS_BY_NAME } from '../../../circuits/index.ts'
import { EXIT, usageError } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'

/**
 * `counterweight setup`: builds the chunk circuit and its keys. `--dev` (default): the
 * INSECURE deterministic development setup, cached in build/circuits; `--ptau FILE
 * --contributor NAME...`: the production setup (docs/trusted-setup.md).
 *
 * @example
 * ```sh
 * npm run counterweight -- setup --params devnet
 * npm run counterweight -- setup --params production --ptau powersOfTau28_hez_final_20.ptau --contributor alice --contributor bob
 * ```
 */
export async function setupCommand(ctx: CommandContext): Promise<number> {
  const a = ctx.args
  const name = a.string('params') ?? 'devnet'
  const params = PARAMS_BY_NAME[name]
  if (!params) throw usageError({ message: `--params must be one of ${Object.keys(PARAMS_BY_NAME).join(', ')}, not "${name}"` })
  const ptau = a.string('ptau')
  const contributors = a.positionals.slice(1)
  const contributor = a.string('contributor')
  const entropyFile = a.string('entropy-file')
  a.done()
  if (!ptau) {
    const keys = await ctx.progress.run(`circuit ${name}: compile and INSECURE development setup`, (step) => ensureChunkKeys({ params, log: (l) => step.update(l) }), (k) => k.name)
    ctx.print(ctx.json ? JSON.stringify(keys) : `INSECURE development keys ready:\n  zkey     ${keys.zkey}\n  wasm     ${keys.wasm}\n  verifier ${keys.verifier}\n  manifest ${keys.manifest}`)
    return EXIT.OK
  }
  const names = [...(contributor ? [contributor] : []), ...contributors]
  if (names.length === 0) throw usageError({ message: 'a production setup needs at least one --contributor NAME', hint: 'see docs/trusted-setup.md' })
  const entropy = entropyFile ? readFileSync(entropyFile, 'utf8').split('\n').filter(Boolean) : []
  const result = await ctx.progress.run(`circuit ${name}: compile and production setup from ${ptau}`, (step) =>
    buildChunkCircuit({
      params,
      setup: { kind: 'prod', ptau, contributions: names.map((n, i) => ({ name: n, entropy: entropy[i] ?? randomBytes(32).toString('hex') })) },
      logger: { info: (l: string) => step.update(l), debug: () => {}, warn: (l: string) => step.update(l), error: (l: string) => ctx.error(l) } as never,
    }),
  )
  ctx.print(ctx.json ? JSON.stringify(result) : `production keys ready; manifest: ${result.manifestPath}`)
  return EXIT.OK
}
