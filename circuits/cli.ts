/**
 * `npm run circuits -- <dev|prod> --params <test|devnet|production> [...]`: builds the chunk
 * circuit with its setup and manifest (see `buildChunkCircuit`); `check <manifest>` rebuilds
 * and compares every hash. Lower-level commands live in `circuits/build/cli.ts`.
 *
 * @example
 * ```sh
 * npm run circuits -- dev --params test
 * npm run circuits -- prod --params production --ptau powersOfTau28_hez_final_20.ptau --contributor alice --contributor bob
 * npm run circuits -- check build/circuits/chunk_d8_t4_q2_f2/dev/main.manifest.json
 * ```
 */
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { checkBuild } from './build/pipeline.ts'
import { buildChunkCircuit, PARAMS_BY_NAME } from './buildChunkCircuit.ts'

const logger = { info: (m: string) => console.log(m), debug: () => {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) }
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    params: { type: 'string', default: 'test' },
    ptau: { type: 'string' },
    contributor: { type: 'string', multiple: true },
    'entropy-file': { type: 'string' },
    beacon: { type: 'string' },
  },
})
const [command, arg] = positionals
const params = PARAMS_BY_NAME[values.params ?? 'test']
try {
  if (command === 'check' && arg) {
    const r = await checkBuild(arg, { logger })
    console.log(JSON.stringify(r, null, 2))
    process.exit(r.ok ? 0 : 1)
  }
  if (!params) throw new Error(`--params must be one of ${Object.keys(PARAMS_BY_NAME).join(', ')}`)
  if (command === 'dev') {
    const r = await buildChunkCircuit({ params, setup: { kind: 'dev' }, logger })
    console.log(`\nINSECURE development keys ready; manifest: ${r.manifestPath}`)
  } else if (command === 'prod') {
    if (!values.ptau || !values.contributor?.length) throw new Error('prod needs --ptau FILE and at least one --contributor NAME')
    const entropy = values['entropy-file'] ? readFileSync(values['entropy-file'], 'utf8').split('\n').filter(Boolean) : []
    const contributions = values.contributor.map((name, i) => ({ name, entropy: entropy[i] ?? randomBytes(32).toString('hex') }))
    const r = await buildChunkCircuit({ params, setup: { kind: 'prod', ptau: values.ptau, contributions, ...(values.beacon ? { beacon: { hashHex: values.beacon } } : {}) }, logger })
    console.log(`\nproduction keys ready; manifest: ${r.manifestPath}`)
  } else {
    console.error('usage: npm run circuits -- <dev|prod> --params <test|devnet|production> [--ptau FILE --contributor NAME...] | check <manifest.json>')
    process.exit(2)
  }
  process.exit(0)
} catch (e) {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
}
