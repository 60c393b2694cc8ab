/**
 * Benchmark runner: `npm run bench -- <area>` runs `bench/<area>.bench.ts`, prints its
 * figures and writes them to `bench/results/<area>.json` as `[{ name, value, unit }]`.
 * Without an area it lists the areas.
 *
 * @example
 * ```sh
 * npm run bench -- protocol
 * ```
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { SEQUENCER_NODE_FLAGS } from '../sequencer/nodeFlags.ts'
import type { BenchResult } from './result.ts'

const here = dirname(fileURLToPath(import.meta.url))
const areas = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))

const area = process.argv[2]
if (!area || !areas.includes(area)) {
  console.error(`usage: npm run bench -- <area>\nareas: ${areas.join(', ')}`)
  process.exit(area ? 1 : 0)
}

// An area that runs a service in this process runs with that service's Node flags, as the
// service does when deployed (e.g. the sequencer's `--v8-pool-size=1`): start again with them.
const NODE_FLAGS: Record<string, readonly string[]> = { sequencer: SEQUENCER_NODE_FLAGS }
const flags = NODE_FLAGS[area] ?? []
if (flags.some((f) => !process.execArgv.includes(f))) {
  const again = spawnSync(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' })
  process.exit(again.status ?? 1)
}

const mod = (await import(pathToFileURL(join(here, `${area}.bench.ts`)).href)) as { run: () => Promise<BenchResult[]> }
const started = performance.now()
const results = await mod.run()
const width = Math.max(...results.map((r) => r.name.length))
console.log(`\n${area}: ${results.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s`)
for (const r of results) console.log(`  ${r.name.padEnd(width)}  ${formatValue(r.value)} ${r.unit}`)
mkdirSync(join(here, 'results'), { recursive: true })
const out = join(here, 'results', `${area}.json`)
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`)
console.log(`\nwrote ${out}`)
process.exit(0)

function formatValue(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 })
}
