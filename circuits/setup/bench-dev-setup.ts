// Measure the INSECURE dev setup (and optionally a Groth16 fullProve) on an existing r1cs:
//   npx tsx circuits/setup/bench-dev-setup.ts <circuit.r1cs> [--prove <circuit.wasm> <input.json> | --wtns <witness.wtns>] [--threads N]
// Prints wall time, CPU time and peak RSS (the process, worker threads included).
import { readFileSync } from 'node:fs'
import { devSetup } from './dev-zkey.ts'
import { loadSnarkjs, releaseSnarkjsCurve } from './libs.ts'

const args = process.argv.slice(2)
const r1cs = args[0]
if (!r1cs) {
  console.error('usage: bench-dev-setup.ts <circuit.r1cs> [--prove <circuit.wasm> <input.json>] [--threads N]')
  process.exit(2)
}
const ti = args.indexOf('--threads')
const threads = ti >= 0 ? Number(args[ti + 1]) : undefined
const zkey = r1cs.replace(/\.r1cs$/, '.insecure-dev.zkey')
const res = await devSetup({ r1cs, zkey, threads, logger: { info: (m) => console.log(m) } })
const rss1 = process.resourceUsage().maxRSS / 1024
console.log(JSON.stringify({ setup: { ...res, peakRssMB: Math.round(rss1) } }))
const pi = args.indexOf('--prove')
const wi = args.indexOf('--wtns')
if (pi >= 0 || wi >= 0) {
  const snarkjs = await loadSnarkjs()
  const vk = await snarkjs.zKey.exportVerificationKey(zkey)
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const { proof, publicSignals } =
    pi >= 0
      ? await snarkjs.groth16.fullProve(JSON.parse(readFileSync(args[pi + 2]!, 'utf8')) as Record<string, unknown>, args[pi + 1]!, zkey)
      : await snarkjs.groth16.prove(zkey, args[wi + 1]!)
  const t1 = performance.now()
  const ok = await snarkjs.groth16.verify(vk, publicSignals, proof)
  const t2 = performance.now()
  const c = process.cpuUsage(c0)
  console.log(
    JSON.stringify({
      prove: { [pi >= 0 ? 'fullProveMs' : 'proveMs']: Math.round(t1 - t0), verifyMs: Math.round(t2 - t1), verified: ok, processCpuMs: Math.round((c.user + c.system) / 1000), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) },
    }),
  )
  await releaseSnarkjsCurve()
}
process.exit(0)
