// Child process of `proveChunk`: the witness (in a grandchild, `witnessWorker.mjs`, while the curve's
// worker threads start here), then one Groth16 proof with snarkjs (which runs its own worker
// threads for the multi-exponentiations), then the curve is torn down and the process ends.
// Plain JavaScript so that it runs under any loader. (A worker_thread cannot host snarkjs's
// thread pool: its `web-worker` dependency only constructs workers from a main thread.)
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import * as snarkjs from 'snarkjs'

/** The witness of `input`, computed by `witnessWorker.mjs` in its own process (see there why). */
function witness(input, wasm) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./witnessWorker.mjs', import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--liftoff-only'],
      serialization: 'advanced',
    })
    let reply
    child.once('message', (m) => {
      reply = m
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (!reply) reject(new Error(`the witness process exited (${signal ?? code}) before answering`))
      else if (!reply.ok) reject(new Error(reply.error))
      else resolve(reply)
    })
    child.send({ input, wasm })
  })
}

process.once('message', async ({ input, wasm, zkey }) => {
  let reply
  try {
    const started = performance.now()
    const [w] = await Promise.all([
      witness(input, wasm).then((w) => ({ ...w, at: performance.now() })),
      snarkjs.curves.getCurveFromName('bn128'),
    ])
    const witnessMs = w.at - started
    const { proof, publicSignals } = await snarkjs.groth16.prove(zkey, { type: 'mem', data: w.data })
    const cpu = process.cpuUsage()
    reply = { ok: true, proof, publicSignals, proveMs: performance.now() - started, witnessMs, cpuMs: (cpu.user + cpu.system) / 1000 + w.cpuMs, peakRssBytes: Math.max(process.resourceUsage().maxRSS * 1024, w.peakRssBytes) }
  } catch (e) {
    reply = { ok: false, error: String(e && e.stack ? e.stack : e) }
  } finally {
    await globalThis.curve_bn128?.terminate?.()
  }
  process.send(reply, () => process.exit(0))
})
