// npx tsx circuits/build/cli.ts <compile|dev-setup|prod-setup|export|check|dev-ptau|verify> ...
import { readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { writeDevPtau } from '../setup/dev-ptau.ts'
import { devSetup } from '../setup/dev-zkey.ts'
import { circuitPower } from '../setup/field.ts'
import { releaseSnarkjsCurve, type Logger } from '../setup/libs.ts'
import { verifyZkey } from '../setup/prod-setup.ts'
import { readR1cs } from '../setup/r1cs.ts'
import { compileCircuit } from './compile.ts'
import { exportKeys } from './export.ts'
import { buildDev, buildProd, checkBuild } from './pipeline.ts'

const USAGE = `Counterweight circuit build and trusted setup

  compile    <main.circom> [-o DIR] [-l DIR]... [--strict] [--no-inspect]
             circom2 --O2 --r1cs --wasm --sym --inspect, run from the repository root.
  dev-setup  <main.circom> [-o DIR] [-l DIR]... [--label S] [--input input.json] [--strict]
             compile + INSECURE deterministic Groth16 setup + vkey/verifier export + manifest.
  dev-setup  --r1cs FILE --zkey OUT [--label S]
             only the INSECURE zkey, from an existing r1cs.
  prod-setup <main.circom> --ptau FILE [-o DIR] [-l DIR]... (--contributor NAME)... [--beacon HEX]
             [--beacon-exp N] [--entropy-file FILE] [--input input.json]
             compile + snarkjs zkey new + one contribution per --contributor (entropy prompted on
             the terminal, or one line per contributor from --entropy-file) + beacon + zkey verify
             + export + manifest.
  export     <zkey> [-o DIR] [--stem NAME] [--insecure]
             verification key JSON and Solidity verifier.
  check      <manifest.json>
             rebuild from the manifest's inputs into a temporary folder; compare every hash.
  dev-ptau   <power> -o FILE
             INSECURE prepared Powers of Tau from the dev seed (to run snarkjs zkey verify on dev keys).
  verify     --r1cs FILE --zkey FILE [--ptau FILE]
             snarkjs zkey verify; without --ptau an INSECURE dev ptau of power (circuit+1) is made.
`

const logger: Logger = {
  info: (m) => console.log(m),
  debug: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
}

function readJson(path: string | undefined): Record<string, unknown> | undefined {
  return path ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : undefined
}

async function askHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const out = rl as unknown as { _writeToOutput?: (s: string) => void; output: NodeJS.WritableStream }
  const original = out._writeToOutput
  out._writeToOutput = (s: string) => {
    if (s.includes(question)) out.output.write(s)
    else out.output.write('*')
  }
  try {
    return await new Promise<string>((res) => rl.question(question, res))
  } finally {
    out._writeToOutput = original
    rl.close()
    process.stdout.write('\n')
  }
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv
  const { values: o, positionals: pos } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      lib: { type: 'string', short: 'l', multiple: true },
      strict: { type: 'boolean' },
      'no-inspect': { type: 'boolean' },
      label: { type: 'string' },
      input: { type: 'string' },
      r1cs: { type: 'string' },
      zkey: { type: 'string' },
      ptau: { type: 'string' },
      contributor: { type: 'string', multiple: true },
      'entropy-file': { type: 'string' },
      beacon: { type: 'string' },
      'beacon-exp': { type: 'string' },
      stem: { type: 'string' },
      insecure: { type: 'boolean' },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const threads = o.threads ? Number(o.threads) : undefined
  const common = {
    includePaths: o.lib ?? [],
    failOnWarnings: !!o.strict,
    inspect: !o['no-inspect'],
    logger,
    ...(o.out ? { outDir: o.out } : {}),
    ...(threads ? { threads } : {}),
  }
  switch (cmd) {
    case 'compile': {
      if (!pos[0]) break
      const r = await compileCircuit({ main: pos[0], ...common })
      console.log(JSON.stringify({ r1cs: r.r1cs, wasm: r.wasm, sym: r.sym, stats: r.stats, warnings: r.warnings }, null, 2))
      return 0
    }
    case 'dev-setup': {
      if (o.r1cs) {
        const zkey = o.zkey ?? join(dirname(o.r1cs), `${basename(o.r1cs, '.r1cs')}.insecure-dev.zkey`)
        const r = await devSetup({ r1cs: o.r1cs, zkey, label: o.label, threads, logger })
        console.log(JSON.stringify(r, null, 2))
        return 0
      }
      if (!pos[0]) break
      const input = readJson(o.input)
      const r = await buildDev({ main: pos[0], ...common, ...(o.label ? { label: o.label } : {}), ...(input ? { input } : {}) })
      console.log(`manifest: ${r.manifestPath}\nINSECURE: development only, the toxic waste is public.`)
      return 0
    }
    case 'prod-setup': {
      if (!pos[0] || !o.ptau) break
      const names = o.contributor ?? []
      if (names.length === 0) throw new Error('name at least one --contributor')
      let entropies: string[]
      if (o['entropy-file']) {
        entropies = readFileSync(o['entropy-file'], 'utf8').split('\n').filter((l) => l.trim() !== '')
        if (entropies.length < names.length) throw new Error(`--entropy-file has ${entropies.length} line(s) for ${names.length} contributor(s)`)
      } else {
        entropies = []
        for (const n of names) entropies.push(await askHidden(`entropy for contributor "${n}" (type randomly, then Enter): `))
      }
      const input = readJson(o.input)
      const r = await buildProd({
        main: pos[0],
        ...common,
        ptau: o.ptau,
        contributions: names.map((name, i) => ({ name, entropy: entropies[i]! })),
        ...(o.beacon ? { beacon: { hashHex: o.beacon, iterationsExp: Number(o['beacon-exp'] ?? 10) } } : {}),
        ...(input ? { input } : {}),
      })
      console.log(`manifest: ${r.manifestPath}`)
      return 0
    }
    case 'export': {
      if (!pos[0]) break
      const zkey = pos[0]
      const r = await exportKeys({ zkey, outDir: o.out ?? dirname(zkey), stem: o.stem ?? basename(zkey, '.zkey'), insecure: !!o.insecure || zkey.includes('insecure'), logger })
      console.log(JSON.stringify(r, null, 2))
      return 0
    }
    case 'check': {
      if (!pos[0]) break
      const r = await checkBuild(pos[0], { logger, ...(threads ? { threads } : {}) })
      return r.ok ? 0 : 1
    }
    case 'dev-ptau': {
      if (!pos[0] || !o.out) break
      await writeDevPtau({ power: Number(pos[0]), out: o.out, label: o.label, threads, logger })
      return 0
    }
    case 'verify': {
      if (!o.r1cs || !o.zkey) break
      let ptau = o.ptau
      if (!ptau) {
        const h = readR1cs(o.r1cs).header
        const power = circuitPower(h.nConstraints, h.nOutputs + h.nPubInputs) + 1
        ptau = join(dirname(o.zkey), `insecure-dev-${power}.ptau`)
        await writeDevPtau({ power, out: ptau, label: o.label, threads, logger })
      }
      const ok = await verifyZkey(o.r1cs, ptau, o.zkey, logger)
      console.log(ok ? 'zkey verify: OK' : 'zkey verify: FAILED')
      return ok ? 0 : 1
    }
    default:
      if (cmd && cmd !== 'help' && !o.help) console.error(`unknown command: ${cmd}\n`)
  }
  console.log(USAGE)
  return cmd && cmd !== 'help' && !o.help ? 2 : 0
}

main(process.argv.slice(2))
  .then(async (code) => {
    await releaseSnarkjsCurve()
    process.exit(code)
  })
  .catch(async (e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    await releaseSnarkjsCurve()
    process.exit(1)
  })
