/**
 * The bench's load generator, a separate process (forked with IPC): it signs every transfer
 * before any timed window (in worker threads, so signing never competes with the server under
 * test), then runs the phases it is asked for against the sequencer's HTTP endpoint:
 * - `closed`: `concurrency` requests in flight at all times (each a single call or a JSON-RPC
 *   batch of `batch` calls) until the phase's transactions are sent: sustained throughput;
 * - `open`: transactions sent on a fixed schedule (`rate` per second) whatever the answers,
 *   latency measured from each transaction's scheduled time (no coordinated omission).
 * Requests go out through {@link RawHttpPool}, a lean keep-alive HTTP/1.1 client, as bytes
 * built before the timed windows: the generator shares the machine with the server it measures,
 * and node's `http.request` took about 0.3 ms of CPU per call (a third of a core at 1,000/s).
 * Messages: `prepare` → `prepared`, `run` → `result`, `exit`.
 */
import { availableParallelism } from 'node:os'
import { startWorker } from '../workers/startWorker.ts'
import { RawHttpPool } from './RawHttpPool.ts'

export interface Phase {
  name: string
  count: number
  mode: 'closed' | 'open'
  concurrency?: number
  batch?: number
  rate?: number
  /** Send to the prepared `floorUrl` instead of `url`: a server that answers at once (the harness's own floor). */
  floor?: boolean
  /** Open loop: report each request slower than this (diagnostics of the tail). */
  slowOverMs?: number
}

export interface PhaseResult {
  name: string
  ok: number
  errors: Record<string, number>
  seconds: number
  latenciesMs?: { p50: number; p99: number; p999: number; max: number; mean: number }
  /** A few answers, for the parent to verify their signatures. */
  sample: unknown[]
  /** Open loop, when asked (`slowOverMs` in the phase): requests slower than that, as [scheduled time (ms since the time origin, absolute), latency ms]. */
  slow?: [number, number][]
}

interface Prepare {
  type: 'prepare'
  url: string
  floorUrl?: string
  domain: bigint
  chainId: bigint
  rollup: `0x${string}`
  accounts: number
  firstIndex: number
  phases: Phase[]
}

/** Each phase's requests, as the bytes sent (built before any timed window). */
let bodies: Buffer[][] = []
let phases: Phase[] = []
let url = ''
let floorUrl = ''

async function prepare(m: Prepare): Promise<void> {
  phases = m.phases
  url = m.url
  floorUrl = m.floorUrl ?? ''
  const nonce = new Array<number>(m.accounts).fill(0)
  let cursor = 0
  const jobs: [number, number, number, number][][] = phases.map((p) =>
    Array.from({ length: p.count }, () => {
      const u = cursor++ % m.accounts
      return [u, m.firstIndex + u, m.firstIndex + ((u + 1) % m.accounts), nonce[u]!++] as [number, number, number, number]
    }),
  )
  const all = jobs.flat()
  const threads = Math.max(1, availableParallelism())
  const per = Math.ceil(all.length / threads)
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, i) => {
      const w = startWorker({ url: new URL('./signWorker.ts', import.meta.url), workerData: { domain: m.domain, chainId: m.chainId, rollup: m.rollup, amount: 1000n, jobs: all.slice(i * per, (i + 1) * per) } })
      return new Promise<string[]>((resolve, reject) => {
        w.once('message', (x: string[]) => {
          resolve(x)
          void w.terminate()
        })
        w.once('error', reject)
      })
    }),
  )
  const signed = parts.flat()
  let at = 0
  bodies = phases.map((p) => {
    const mine = signed.slice(at, at + p.count)
    at += p.count
    const b = p.batch ?? 1
    const target = new URL(p.floor ? floorUrl || url : url)
    const out: Buffer[] = []
    for (let i = 0; i < mine.length; i += b) {
      const calls = mine.slice(i, i + b).map((tx, j) => `{"jsonrpc":"2.0","id":${i + j},"method":"rollup_sendTransaction","params":[${tx}]}`)
      out.push(RawHttpPool.request(target, b === 1 ? calls[0]! : `[${calls.join(',')}]`))
    }
    return out
  })
}

/** Sends one prebuilt request; the body of a 200 answer (JSON-RPC errors included), else throws. */
async function post(pool: RawHttpPool, bytes: Buffer): Promise<string> {
  const { status, body } = await pool.post(bytes)
  if (status !== 200) throw new Error(`HTTP ${status}: ${body.slice(0, 200)}`)
  return body
}

function tally(answer: string, r: PhaseResult): number {
  // A single call's success is told without parsing its answer (a few KB with the group's
  // proof), which costs the generator more than sending it; a few are parsed as samples.
  if (answer.charCodeAt(0) === 123 /* { */ && answer.includes('"result":') && !answer.includes('"error":')) {
    if (r.sample.length < 64 && Math.random() < 0.02) r.sample.push((JSON.parse(answer) as { result: unknown }).result)
    r.ok++
    return 1
  }
  const parsed = JSON.parse(answer) as unknown
  const list = (Array.isArray(parsed) ? parsed : [parsed]) as { result?: unknown; error?: { code: number } }[]
  let ok = 0
  for (const x of list) {
    if (x.result) {
      ok++
      if (r.sample.length < 64 && Math.random() < 0.02) r.sample.push(x.result)
    } else {
      const k = String(x.error?.code ?? 'unknown')
      r.errors[k] = (r.errors[k] ?? 0) + 1
    }
  }
  r.ok += ok
  return ok
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function run(index: number): Promise<PhaseResult> {
  const phase = phases[index]!
  const list = bodies[index]!
  const r: PhaseResult = { name: phase.name, ok: 0, errors: {}, seconds: 0, sample: [] }
  if (phase.mode === 'closed') {
    const pool = new RawHttpPool({ url, max: phase.concurrency ?? 64 })
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: phase.concurrency ?? 64 }, async () => {
        while (next < list.length) tally(await post(pool, list[next++]!), r)
      }),
    )
    r.seconds = (performance.now() - started) / 1000
    pool.close()
    return r
  }
  const rate = phase.rate ?? 1000
  const target = phase.floor ? floorUrl : url
  if (!target) throw new Error(`phase ${phase.name} needs a floorUrl in prepare`)
  const pool = new RawHttpPool({ url: target, max: 256 })
  // Warm the connections first, outside the measurement.
  const warm = RawHttpPool.request(pool.url, '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}')
  await Promise.all(Array.from({ length: 16 }, () => post(pool, warm)))
  const latencies: number[] = []
  const inFlight: Promise<void>[] = []
  // Scheduled send times are absolute (both threads read the same clock); the pacer thread
  // wakes this loop when requests are due, so the generator does not spin on the CPU it shares
  // with the server. Latency counts from the scheduled time: a late wake-up counts against the
  // server.
  const pacer = startWorker({ url: new URL('./pacerWorker.ts', import.meta.url), workerData: { rate, count: list.length }, name: 'pacer' })
  let localStart = 0
  let next = 0
  await new Promise<void>((resolve, reject) => {
    pacer.on('error', reject)
    pacer.on('message', (due: number | 'ready') => {
      if (due === 'ready') {
        localStart = performance.now() + 5
        pacer.postMessage(performance.timeOrigin + localStart)
        return
      }
      while (next < due) {
        const scheduled = localStart + (next * 1000) / rate
        const body = list[next++]!
        inFlight.push(
          post(pool, body).then(
            (a) => {
              if (tally(a, r) > 0) {
                const ms = performance.now() - scheduled
                latencies.push(ms)
                if (phase.slowOverMs !== undefined && ms > phase.slowOverMs) (r.slow ??= []).push([performance.timeOrigin + scheduled, ms])
              }
            },
            (e: Error) => {
              const k = e.message.startsWith('HTTP ') ? e.message.slice(0, 8) : 'network'
              r.errors[k] = (r.errors[k] ?? 0) + 1
            },
          ),
        )
      }
      if (next >= list.length) resolve()
    })
  })
  await pacer.terminate()
  await Promise.all(inFlight)
  r.seconds = (performance.now() - localStart) / 1000
  pool.close()
  latencies.sort((a, b) => a - b)
  r.latenciesMs = {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    p999: percentile(latencies, 99.9),
    max: latencies.at(-1) ?? NaN,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
  }
  return r
}

process.on('message', (m: Prepare | { type: 'run'; phase: number } | { type: 'exit' }) => {
  if (m.type === 'prepare') {
    const t = performance.now()
    prepare(m).then(
      () => process.send!({ type: 'prepared', ms: performance.now() - t }),
      (e: Error) => process.send!({ type: 'error', message: e.message }),
    )
  } else if (m.type === 'run') {
    run(m.phase).then(
      (result) => process.send!({ type: 'result', result }),
      (e: Error) => process.send!({ type: 'error', message: e.message }),
    )
  } else process.exit(0)
})
process.send!({ type: 'ready' })
