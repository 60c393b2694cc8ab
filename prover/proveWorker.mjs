// Child process of `proveChunk`: the witness, then one Groth16 proof with snarkjs (which runs its own worker
// threads for the multi-exponentiations), then the curve is torn down and the process ends.
// Plain JavaScript so that it runs under any loader. (A worker_thread cannot host snarkjs's
// thread pool: its `web-worker` dependency only constructs workers from a main thread.)
import * as snarkjs from 'snarkjs'

process.once('message', async ({ input, wasm, zkey }) => {
  let reply
  try {
    const started = performance.now()
    const wtns = { type: 'mem' }
    await snarkjs.wtns.calculate(input, wasm, wtns)
    const witnessMs = performance.now() - started
    const { proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns)
    const cpu = process.cpuUsage()
    reply = { ok: true, proof, publicSignals, proveMs: performance.now() - started, witnessMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024 }
  } catch (e) {
    reply = { ok: false, error: String(e && e.stack ? e.stack : e) }
  } finally {
    await globalThis.curve_bn128?.terminate?.()
  }
  process.send(reply, () => process.exit(0))
})
