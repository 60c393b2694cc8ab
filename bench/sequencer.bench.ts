/**
 * Sequencer benchmark (`npm run bench -- sequencer`): durable, signed preconfirmations over
 * HTTP, driven by a load generator in a separate process that signs every transfer before
 * the timed windows. Reports, from one run:
 * - sustained preconfirmations per second (closed loop, 256 calls in flight; and with
 *   JSON-RPC batches of 16 calls per HTTP request);
 * - latency p50 / p99 / p999 at a fixed offered load of 1,000 per second (open loop, from
 *   each transaction's scheduled send time), and p50 / p99 at 100 per second (a lone
 *   transaction's path); the same latency run against a server that answers at once (the
 *   'floor' phase: load generator, HTTP and machine, the baseline of the same run);
 * - the bounds the CPU sets, measured in the same process: EdDSA verifications per second
 *   per core, times the cores (the signature-verification bound), and the cost of a
 *   preconfirmation group signature (one secp256k1 signature per group commit) and of its
 *   Merkle leaves and nodes;
 * - where the time goes under sustained load: CPU time per transaction of the whole sequencer
 *   process (every thread, `process.cpuUsage`) and of the load generator (`/proc`), main
 *   event-loop utilization, worker time per transaction for verifying, writer-thread time per
 *   transaction for group signatures, group commit sizes and durations.
 * Every accepted transaction is durable (SQLite WAL, synchronous=FULL) before it is answered.
 * The machine may be shared: CPU times per transaction say more than wall figures there.
 */
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { pino } from 'pino'
import { privateKeyToAddress } from 'viem/accounts'
import { QUEUE_KIND, TX_TYPE, derivePublicKey, signTx, verify } from '../protocol/index.ts'
import { parseConfig } from '../sequencer/config/index.ts'
import { createSequencer } from '../sequencer/createSequencer.ts'
import { preconfirmationFromJson, type PreconfirmationJson } from '../sequencer/rpc/format/preconfirmationJson.ts'
import { createRpcServer } from '../sequencer/rpc/createRpcServer.ts'
import { nativeSecp256k1, nobleSignDigest, preconfirmationLeaf, preconfirmationTree, signPreconfirmationGroup, verifyPreconfirmation } from '../sequencer/preconf/index.ts'
import { benchKey, benchOwner } from '../sequencer/testing/benchKeys.ts'
import type { Phase, PhaseResult } from '../sequencer/testing/loadGenerator.ts'
import type { BenchResult } from './result.ts'
import { profileAllocations } from './allocationProfile.ts'
import { cpuPressureMs, processCpuMs, threadCpuReport, threadsCpu } from './procStats.ts'
import { watchTail } from './tailAnatomy.ts'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
const ROLLUP = '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const
const ACCOUNTS = Number(process.env.CW_BENCH_ACCOUNTS ?? 2000)
const SUSTAINED = Number(process.env.CW_BENCH_SUSTAINED ?? 12_000)
const LATENCY_SECONDS = Number(process.env.CW_BENCH_LATENCY_SECONDS ?? 8)
// CW_BENCH_RATE: the offered load of the latency phase (default 1,000 tx/s, the target's).
const RATE = Number(process.env.CW_BENCH_RATE ?? 1000)
const RATE_LABEL = RATE.toLocaleString('en-US')

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Operations per second of one thread's CPU time. */
function cpuRate(fn: (i: number) => void, ms = 1500): number {
  for (let i = 0; i < 30; i++) fn(i)
  let n = 0
  const start = cpuMs()
  while (cpuMs() - start < ms) for (let j = 0; j < 10; j++) fn(n++)
  return (n * 1000) / (cpuMs() - start)
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const push = (name: string, value: number, unit: string): void => {
    out.push({ name, value: Math.round(value * 1000) / 1000, unit })
    console.log(`  ${name}: ${Number.isFinite(value) ? value.toFixed(2) : value} ${unit}`)
  }
  const cores = availableParallelism()
  push('cores', cores, 'cores')
  // Other jobs share the machine: their load is part of what the figures mean.
  push('machine load average (1 min) at start', loadavg()[0]!, 'runnable tasks')
  // As deployed (bench/run.ts starts this area with the sequencer's Node flags).
  console.log(`  (node flags: ${process.execArgv.filter((a) => a.startsWith('--v8')).join(' ') || 'none'})`)

  // The CPU bounds, measured here before the server starts.
  const world = Array.from({ length: 64 }, (_, i) => benchKey(100_000 + i))
  const pubs = world.map((k) => derivePublicKey(k))
  const domain = (await import('../protocol/index.ts')).domainHash({ chainId: 31337n, rollupAddress: BigInt(ROLLUP) })
  const sigs = Array.from({ length: 256 }, (_, i) => signTx({ tx: { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1000n, fee: 0n, nonce: BigInt(i) }, privateKey: world[i % 64]!, domain }))
  const { txHash } = await import('../protocol/index.ts')
  const hashes = sigs.map((s) => txHash({ tx: s.tx, domain }))
  const verifyRate = cpuRate((i) => {
    if (!verify({ publicKey: pubs[i % 64]!, message: hashes[i % 256]!, signature: sigs[i % 256]!.signature })) throw new Error('bench signature did not verify')
  })
  const hashRate = cpuRate((i) => txHash({ tx: sigs[i % 256]!.tx, domain }))
  const groupEntries = (n: number, i: number) => Array.from({ length: n }, (_, k) => ({ sequence: i * n + k + 1, txHash: Buffer.from(hashes[(i + k) % 256]!.toString(16).padStart(64, '0'), 'hex'), l1Deadline: 1_700_000_000 }))
  const signRate = cpuRate((i) => signPreconfirmationGroup({ privateKey: KEY, chainId: 31337n, rollup: ROLLUP, entries: groupEntries(1, i) }))
  const leafRate = cpuRate((i) => preconfirmationLeaf({ sequence: i + 1, txHash: `0x${hashes[i % 256]!.toString(16).padStart(64, '0')}`, l1Deadline: 1_700_000_000 }))
  const leaves = Array.from({ length: 16 }, (_, i) => preconfirmationLeaf({ sequence: i + 1, txHash: `0x${hashes[i]!.toString(16).padStart(64, '0')}`, l1Deadline: 1 }))
  const tree16Rate = cpuRate(() => preconfirmationTree(leaves))
  push('eddsa verifications per second per core', verifyRate, 'verifications/s')
  push('signature-verification bound (per core x cores)', verifyRate * cores, 'tx/s')
  push('transaction hashes per second per core', hashRate, 'hashes/s')
  push(`preconfirmation group signatures per second per core (secp256k1 ${nativeSecp256k1().native ? 'libsecp256k1' : 'noble, libsecp256k1 not loaded'}, one per group commit)`, signRate, 'signatures/s')
  const digests = hashes.map((h) => Buffer.from(h.toString(16).padStart(64, '0'), 'hex'))
  const key = Buffer.from(KEY.slice(2), 'hex')
  push('secp256k1 signatures per second per core with noble (the fallback)', cpuRate((i) => nobleSignDigest(digests[i % 256]!, key)), 'signatures/s')
  push('preconfirmation leaf (EIP-712 struct hash, keccak)', 1e6 / leafRate, 'us')
  push('Merkle tree of 16 leaves (15 keccak nodes)', 1e6 / tree16Rate, 'us')
  const perTxUs = 1e6 / hashRate + 1e6 / verifyRate
  push('crypto CPU per transaction (hash + verify; signing is per group)', perTxUs, 'us')
  push('crypto bound (cores / crypto CPU per transaction)', (cores * 1e6) / perTxUs, 'tx/s')

  // The sequencer, in this process (a writer thread and one crypto worker per core).
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-'))
  const config = parseConfig({
    chainId: 31337,
    rollupAddress: ROLLUP,
    sequencerKey: KEY,
    dbPath: join(dir, 'sequencer.db'),
    params: 'devnet',
    synchronous: 'FULL',
    // CW_BENCH_WORKERS sets the crypto worker threads (default: one per core).
    workers: Number(process.env.CW_BENCH_WORKERS ?? cores),
    // CW_INLINE_VERIFY_PERCENT=0 measures the workers-only path for comparison.
    ...(process.env.CW_INLINE_VERIFY_PERCENT ? { inlineVerifyPercent: Number(process.env.CW_INLINE_VERIFY_PERCENT) } : {}),
    blockIntervalMs: 1000,
    logLevel: 'warn',
    rateLimit: { callsPerSecond: 0, burst: 1 },
    limits: { maxPendingTotal: 100_000, maxPendingPerAccount: 64 },
    http: { port: 0, maxConnections: 4096, bodyLimitBytes: 1024 * 1024 },
  })
  const sequencer = await createSequencer({ config, logger: pino({ level: 'warn' }) })
  const deposits = Array.from({ length: ACCOUNTS }, (_, u) => ({ kind: QUEUE_KIND.DEPOSIT, sender: benchOwner(u), toIndex: 0n, tokenId: 0n, amount: 10n ** 18n, publicKey: derivePublicKey(benchKey(u)) }) as const)
  for (let i = 0; i < deposits.length; i += 500) await sequencer.applyQueueEntries({ position: i, entries: deposits.slice(i, i + 500) })
  const app = createRpcServer({ sequencer })
  sequencer.start()
  await app.listen({ host: '127.0.0.1', port: 0 })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`

  // CW_BENCH_ONLY=latency (a comma-separated list of phase names) runs those phases after the warm-up.
  const only = process.env.CW_BENCH_ONLY?.split(',').map((x) => x.trim())
  const phases: Phase[] = (
    [
      { name: 'warm-up', count: 2000, mode: 'closed', concurrency: 64 },
      { name: 'sustained', count: SUSTAINED, mode: 'closed', concurrency: 256 },
      { name: 'sustained-batch16', count: SUSTAINED, mode: 'closed', concurrency: 32, batch: 16 },
      { name: 'latency-100', count: 500, mode: 'open', rate: 100 },
      { name: 'latency', count: RATE * LATENCY_SECONDS, mode: 'open', rate: RATE, ...(process.env.CW_BENCH_TAIL ? { slowOverMs: Number(process.env.CW_BENCH_TAIL) } : {}) },
      // The baseline in the same run: the same requests, load generator and HTTP stack, against
      // a server that answers each at once without doing anything.
      { name: 'floor', count: 1000 * LATENCY_SECONDS, mode: 'open', rate: 1000, floor: true },
    ] satisfies Phase[]
  ).filter((p) => !only || p.name === 'warm-up' || only.includes(p.name))
  // The floor server (see the 'floor' phase): node:http in this process, answering a constant.
  const FLOOR_ANSWER = Buffer.from('{"jsonrpc":"2.0","id":1,"result":{"floor":true}}')
  const floor = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': FLOOR_ANSWER.length })
      res.end(FLOOR_ANSWER)
    })
  })
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve))
  const floorUrl = `http://127.0.0.1:${(floor.address() as { port: number }).port}/`
  const child = fork(fileURLToPath(new URL('../sequencer/testing/loadGenerator.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: 'inherit' })
  const inbox: { type: string; [k: string]: unknown }[] = []
  const waiters: ((m: { type: string; [k: string]: unknown }) => void)[] = []
  child.on('message', (m: { type: string }) => (waiters.length ? waiters.shift()!(m) : inbox.push(m)))
  const receive = async (): Promise<{ type: string; [k: string]: unknown }> => {
    const m = inbox.shift() ?? (await new Promise<{ type: string }>((r) => waiters.push(r)))
    if (m.type === 'error') throw new Error(`load generator: ${String((m as { message?: string }).message)}`)
    return m
  }
  await receive() // ready
  child.send({ type: 'prepare', url, floorUrl, domain, chainId: 31337n, rollup: ROLLUP, accounts: ACCOUNTS, firstIndex: 1, phases })
  const prepared = await receive()
  console.log(`  (load generator signed ${phases.reduce((a, p) => a + p.count, 0)} transfers in ${((prepared.ms as number) / 1000).toFixed(1)} s, before any timed window)`)

  const results: PhaseResult[] = []
  let acceptedTotal = 0
  for (let i = 0; i < phases.length; i++) {
    const crypto0 = { ...sequencer.pool.stats }
    const journal0 = { ...sequencer.journal.stats }
    const timing0 = { ...sequencer.mempool.timing }
    const elu0 = performance.eventLoopUtilization()
    const cpu0 = cpuMs()
    const childCpu0 = processCpuMs(child.pid)
    const pressure0 = cpuPressureMs()
    sequencer.mempool.timing.samples.toAdmission.clear()
    sequencer.mempool.timing.samples.toAnswer.clear()
    sequencer.mempool.timing.samples.total.clear()
    sequencer.journal.stats.samples.commit.clear()
    sequencer.journal.stats.samples.roundTrip.clear()
    const threads0 = threadsCpu()
    const loopDelay = monitorEventLoopDelay({ resolution: 1 })
    loopDelay.enable()
    const tail = process.env.CW_BENCH_TAIL && phases[i]!.slowOverMs !== undefined ? watchTail({ journal: sequencer.journal, sealer: sequencer.sealer }) : undefined
    const alloc = process.env.CW_BENCH_ALLOC && phases[i]!.name === 'latency' ? await profileAllocations() : undefined
    child.send({ type: 'run', phase: i })
    const r = (await receive()).result as PhaseResult
    if (tail) console.log(tail(r.slow ?? []))
    if (alloc) console.log(await alloc(Math.max(1, r.ok)))
    loopDelay.disable()
    if (process.env.CW_BENCH_THREADS) console.log(threadCpuReport({ before: threads0, after: threadsCpu(), tx: r.ok }))
    const elu = performance.eventLoopUtilization(elu0)
    const serverCpuUs = ((cpuMs() - cpu0) * 1000) / Math.max(1, r.ok)
    const clientCpuUs = ((processCpuMs(child.pid) - childCpu0) * 1000) / Math.max(1, r.ok)
    // The share of the phase during which some thread (ours, the load generator's or anyone's) was ready to run and had no CPU.
    const pressure = (100 * (cpuPressureMs() - pressure0)) / (r.seconds * 1000)
    results.push(r)
    if (r.name !== 'floor') acceptedTotal += r.ok
    const errs = Object.entries(r.errors).map(([k, v]) => `${k}: ${v}`).join(', ')
    console.log(`  [${r.name}] ${r.ok} accepted in ${r.seconds.toFixed(2)} s${errs ? `; errors ${errs}` : ''}`)
    const c = sequencer.pool.stats
    const j = sequencer.journal.stats
    const tx = Math.max(1, r.ok)
    if (r.name === 'sustained' || r.name === 'sustained-batch16') {
      const label = r.name === 'sustained' ? '1 call per HTTP request, 256 in flight' : 'JSON-RPC batches of 16, 32 in flight'
      const tag = r.name === 'sustained' ? 'sustained' : 'sustained-batch16'
      push(`sustained durable signed preconfirmations per second (${label})`, r.ok / r.seconds, 'tx/s')
      push(`${tag}: sequencer CPU per transaction (all threads, process.cpuUsage)`, serverCpuUs, 'us')
      push(`${tag}: load generator CPU per transaction`, clientCpuUs, 'us')
      push(`${tag}: CPU bound on this machine (cores / (sequencer + load generator CPU per transaction))`, (cores * 1e6) / (serverCpuUs + clientCpuUs), 'tx/s')
      if (r.name === 'sustained') {
        push('sustained: main event-loop utilization', elu.utilization * 100, '%')
        push('sustained: worker time per transaction, hash + verify', ((c.verifyMs - crypto0.verifyMs) * 1000) / tx, 'us')
        push('sustained: signing time per transaction, group Merkle tree + signature (group signer thread)', ((j.signWorkMs - journal0.signWorkMs) * 1000) / tx, 'us')
        push('sustained: main-thread time per transaction (HTTP, JSON, admission)', (elu.active * 1000) / tx, 'us')
        push('sustained: transactions per group commit and signature (mean)', tx / Math.max(1, j.groups - journal0.groups), 'tx')
        push('sustained: group commit duration (mean, WAL write + fsync)', (j.commitMs - journal0.commitMs) / Math.max(1, j.commits - journal0.commits), 'ms')
        push('sustained: group signature duration (mean, tree + secp256k1)', (j.signWorkMs - journal0.signWorkMs) / Math.max(1, j.groups - journal0.groups), 'ms')
      }
    }
    if (r.name === 'latency-100') {
      // At 100 tx/s a transaction rarely meets another: its own path (verification, commit and
      // fsync, group signature, hops), the floor under the figures at 1,000 tx/s.
      push('latency p50 at 100 tx/s offered (a lone transaction)', r.latenciesMs!.p50, 'ms')
      push('latency p99 at 100 tx/s offered (a lone transaction)', r.latenciesMs!.p99, 'ms')
      const t = sequencer.mempool.timing
      const answered = Math.max(1, t.answered - timing0.answered)
      push('latency-100 run: receipt to admission (mean)', (t.toAdmissionMs - timing0.toAdmissionMs) / answered, 'ms')
      push('latency-100 run: admission to answer (mean)', (t.toAnswerMs - timing0.toAnswerMs) / answered, 'ms')
      push('latency-100 run: group commit duration (mean, WAL write + fsync)', (j.commitMs - journal0.commitMs) / Math.max(1, j.commits - journal0.commits), 'ms')
      push('latency-100 run: group signature duration (mean, alongside the commit)', (j.signWorkMs - journal0.signWorkMs) / Math.max(1, j.groups - journal0.groups), 'ms')
      push('latency-100 run: wait for the signature after the commit (mean)', (j.signMs - journal0.signMs) / Math.max(1, j.groups - journal0.groups), 'ms')
    }
    if (r.name === 'floor') {
      push('floor: latency p50 at 1,000 requests/s (load generator + HTTP, a server doing nothing)', r.latenciesMs!.p50, 'ms')
      push('floor: latency p99 at 1,000 requests/s', r.latenciesMs!.p99, 'ms')
      push('floor: latency p999 at 1,000 requests/s', r.latenciesMs!.p999, 'ms')
      push('floor: load generator CPU per request', clientCpuUs, 'us')
      push('floor: CPU pressure (share of the time some thread waited for a CPU)', pressure, '%')
    }
    if (r.name === 'latency') {
      push('offered load', phases[i]!.count / r.seconds, 'tx/s')
      push(`latency p50 at ${RATE_LABEL} tx/s offered`, r.latenciesMs!.p50, 'ms')
      push(`latency p99 at ${RATE_LABEL} tx/s offered`, r.latenciesMs!.p99, 'ms')
      push(`latency p999 at ${RATE_LABEL} tx/s offered`, r.latenciesMs!.p999, 'ms')
      push(`latency max at ${RATE_LABEL} tx/s offered`, r.latenciesMs!.max, 'ms')
      // What the main thread's stalls add to the tail (timers at 1 ms resolution: the delay past it).
      push('latency run: main event-loop delay p99', loopDelay.percentile(99) / 1e6, 'ms')
      push('latency run: main event-loop delay max', loopDelay.max / 1e6, 'ms')
      push('latency run: CPU pressure (share of the time some thread waited for a CPU: ours, the load generator\'s or another job\'s)', pressure, '%')
      push('latency run: errors', Object.values(r.errors).reduce((a, b) => a + b, 0), 'calls')
      push('latency run: sequencer CPU per transaction (all threads)', serverCpuUs, 'us')
      push('latency run: load generator CPU per transaction', clientCpuUs, 'us')
      push('latency run: transactions per group commit (mean)', tx / Math.max(1, j.groups - journal0.groups), 'tx')
      push('latency run: group commit duration (mean, WAL write + fsync)', (j.commitMs - journal0.commitMs) / Math.max(1, j.commits - journal0.commits), 'ms')
      push('latency run: group signature duration (mean, alongside the commit)', (j.signWorkMs - journal0.signWorkMs) / Math.max(1, j.groups - journal0.groups), 'ms')
      push('latency run: wait for the signature after the commit (mean)', (j.signMs - journal0.signMs) / Math.max(1, j.groups - journal0.groups), 'ms')
      const t = sequencer.mempool.timing
      const answered = Math.max(1, t.answered - timing0.answered)
      push('latency run: receipt to admission (mean: verification and its queue)', (t.toAdmissionMs - timing0.toAdmissionMs) / answered, 'ms')
      push('latency run: admission to answer (mean: commit in flight, commit + fsync, group signature, hops)', (t.toAnswerMs - timing0.toAnswerMs) / answered, 'ms')
      push('latency run: receipt to admission p99', t.samples.toAdmission.percentile(99), 'ms')
      push('latency run: admission to answer p99', t.samples.toAnswer.percentile(99), 'ms')
      push('latency run: receipt to answer in the sequencer p99 (the rest of the p99 is HTTP, the load generator and scheduling)', t.samples.total.percentile(99), 'ms')
      push('latency run: group commit duration p99 (WAL write + fsync)', j.samples.commit.percentile(99), 'ms')
      push('latency run: group commit duration max', j.samples.commit.percentile(100), 'ms')
      push('latency run: commit round trip p99 (to the writer thread and back: queue, commit, signature, hops)', j.samples.roundTrip.percentile(99), 'ms')
      push('latency run: signatures checked on the event loop (workers idle)', (100 * (c.inlineJobs - crypto0.inlineJobs)) / Math.max(1, c.verifyJobs - crypto0.verifyJobs), '%')
    }
  }

  // Every answer was durable and correctly signed.
  await sequencer.journal.settle()
  const address = privateKeyToAddress(KEY)
  const sample = results.filter((r) => r.name !== 'floor').flatMap((r) => r.sample as PreconfirmationJson[])
  let valid = 0
  for (const pre of sample) if (await verifyPreconfirmation({ signed: preconfirmationFromJson(pre), sequencer: address })) valid++
  push('sampled preconfirmations whose signature verifies', (100 * valid) / Math.max(1, sample.length), '%')
  push('accepted transactions found durable in the store', (100 * sequencer.store.headSeq()) / Math.max(1, acceptedTotal), '%')

  push('machine load average (1 min) at the end', loadavg()[0]!, 'runnable tasks')
  child.send({ type: 'exit' })
  floor.close()
  await app.close()
  await sequencer.stop()
  rmSync(dir, { recursive: true, force: true })
  return out
}
