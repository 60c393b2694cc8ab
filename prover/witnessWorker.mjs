// Grandchild of `proveChunk`: computes one witness and ends. `proveWorker.mjs` runs it with
// V8's `--liftoff-only`: a circuit's witness module is large and runs once, so V8's optimizing
// tier (TurboFan) would spend seconds compiling it in background threads while the proof runs
// (measured on the TEST chunk circuit: the process took 4.5-5.2 s instead of 0.7 s, and the
// proof beside it lost the same time). Ending the process also ends every such thread.
// Plain JavaScript so that it runs under any loader.
import * as snarkjs from 'snarkjs'

process.once('message', async ({ input, wasm }) => {
  let reply
  try {
    const wtns = { type: 'mem' }
    await snarkjs.wtns.calculate(input, wasm, wtns)
    const cpu = process.cpuUsage()
    reply = { ok: true, data: wtns.data, cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024 }
  } catch (e) {
    reply = { ok: false, error: String(e && e.stack ? e.stack : e) }
  }
  process.send(reply, () => process.exit(0))
})
