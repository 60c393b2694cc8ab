/**
 * Batcher benchmark (`npm run bench -- batcher`): how fast the sequencer's batcher turns its
 * durable log into chunks, and how long it holds the event loop that answers
 * preconfirmations. At the production shape (depth 24, 64 slots, 8 queue slots, 4 fee
 * accounts), over a genesis of 1,000 funded accounts with keys, on a log of signed transfers
 * (signed before the timed part) paying a fee:
 * - chunk-building transactions per second of CPU time with the batcher's path
 *   (`buildLogChunkFast`: no witnesses, node-style deferred hashing) and with the baseline
 *   (`buildLogChunk`: protocol's `buildChunk`, full Merkle witnesses and signature checks)
 *   in the same run, on the same chunks (their public inputs are compared);
 * - the main thread's event-loop delay (`monitorEventLoopDelay`, p50 / p99 / max) while chunks
 *   are built back to back: in the main thread with each path (yielding between chunks), and
 *   as the batcher does it, in its worker thread (`WorkerChunkBuilder`: chunks and then the
 *   commit payload of the batch): the longest an RPC answer can wait behind the batcher;
 * - the CPU time of `blobBatch` (blob encoding, KZG commitment and opening) for one batch,
 *   which the worker does at each commit.
 * The machine may be shared: the load average is printed, and rates are CPU time.
 */
import { loadavg } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { blobBatch } from '../l1-contracts/index.ts'
import { PRODUCTION_PARAMS, RollupState, TX_TYPE, derivePublicKey, domainHash, maxChunksPerBlob, poseidon, signTx, txHash, type RollupState as State } from '../protocol/index.ts'
import { buildLogChunk } from '../sequencer/batcher/buildLogChunk.ts'
import { buildLogChunkFast } from '../sequencer/batcher/buildLogChunkFast.ts'
import { cutChunk } from '../sequencer/batcher/cutChunk.ts'
import { deferredBase } from '../sequencer/batcher/deferredBase.ts'
import { WorkerChunkBuilder } from '../sequencer/batcher/WorkerChunkBuilder.ts'
import type { LogItem } from '../sequencer/batcher/readLogItems.ts'
import { benchKey, benchOwner } from '../sequencer/testing/benchKeys.ts'
import type { BenchResult } from './result.ts'

const P = PRODUCTION_PARAMS
const ACCOUNTS = 1000
const FAST_CHUNKS = Number(process.env.CW_BENCH_BATCHER_CHUNKS ?? 40)
const BASELINE_CHUNKS = 3
const FEE_ACCOUNTS = [1n]

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

type Build = typeof buildLogChunkFast

/** Builds chunks from `items` as the batcher does (one event-loop turn per chunk); returns the chunks' public inputs and the CPU time. */
async function buildAll(params: { build: Build; state: State; items: readonly LogItem[]; chunks: number; domain: bigint }): Promise<{ publicInputs: bigint[][]; chunks: ReturnType<Build>['chunk'][]; txs: number; cpu: number }> {
  let buffer = params.items
  let queuePos = 0
  let startHash = 0n
  let nextSeq = 1
  let txs = 0
  let cpu = 0
  const publicInputs: bigint[][] = []
  const chunks: ReturnType<Build>['chunk'][] = []
  while (buffer.length > 0 && publicInputs.length < params.chunks) {
    const cut = cutChunk({ items: buffer, params: P, final: true })!
    const t = cpuMs()
    const b = params.build({ state: params.state, params: P, domain: params.domain, cut, queuePos, startHash, nextSeq, feeAccounts: FEE_ACCOUNTS })
    b.chunk.state.commit()
    cpu += cpuMs() - t
    publicInputs.push(b.chunk.publicInputs)
    chunks.push(b.chunk)
    buffer = buffer.slice(cut.queue.length + b.txCount)
    queuePos += cut.queue.length
    nextSeq += b.txCount
    txs += b.txCount
    startHash = b.chunk.newQueueHash
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return { publicInputs, chunks, txs, cpu }
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const push = (name: string, value: number, unit: string): void => {
    out.push({ name, value: Math.round(value * 1000) / 1000, unit })
    console.log(`  ${name}: ${Number.isFinite(value) ? value.toFixed(2) : value} ${unit}`)
  }
  push('machine load average (1 min) at start', loadavg()[0]!, 'runnable tasks')
  for (let n = 1; n <= 6; n++) poseidon(new Array<bigint>(n).fill(1n)) // compile every Poseidon width first
  const domain = domainHash({ chainId: 31337n, rollupAddress: 0x5fbdb2315678afecb367f032d93f642f64180aa3n })

  // Genesis: funded accounts with keys, the fee account first.
  const genesis = new RollupState({ depth: P.depth })
  for (let u = 0; u < ACCOUNTS; u++) genesis.allocate({ owner: benchOwner(u), publicKey: derivePublicKey(benchKey(u)), tokenId: 0n, balance: 10n ** 18n, nonce: 0n })
  void genesis.root

  // The log: signed transfers (every 16th to a new L1 address: creates an account), fee 1.
  const total = FAST_CHUNKS * P.nTx
  const nonces = new Array<bigint>(ACCOUNTS).fill(0n)
  const items: LogItem[] = []
  for (let seq = 1; seq <= total; seq++) {
    const u = (seq * 7919) % ACCOUNTS
    const from = BigInt(u + 1)
    const tx =
      seq % 16 === 0
        ? { type: TX_TYPE.TRANSFER_TO_L1, from, toAddress: 0xc0000000n + BigInt(seq), amount: 1000n, fee: 1n, nonce: nonces[u]! }
        : { type: TX_TYPE.TRANSFER, from, to: BigInt(((seq * 104729) % ACCOUNTS) + 1), amount: 1000n, fee: 1n, nonce: nonces[u]! }
    nonces[u]! += 1n
    const signed = signTx({ tx: tx as never, privateKey: benchKey(u), domain })
    const hash = Buffer.from(txHash({ tx: signed.tx, domain }).toString(16).padStart(64, '0'), 'hex')
    items.push({ kind: 'tx', seq, tx: { seq, hash, signed, acceptedMs: 0, l1Deadline: 0 } })
  }

  const measure = async (build: Build, state: State, chunks: number) => {
    const h = monitorEventLoopDelay({ resolution: 1 })
    h.enable()
    const r = await buildAll({ build, state, items, chunks, domain })
    h.disable()
    return { ...r, p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 }
  }
  const fast = await measure(buildLogChunkFast, deferredBase({ genesis }).fork(), FAST_CHUNKS)
  const slow = await measure(buildLogChunk, genesis.fork(), BASELINE_CHUNKS)
  for (let k = 0; k < slow.publicInputs.length; k++) {
    if (slow.publicInputs[k]!.some((v, i) => v !== fast.publicInputs[k]![i])) throw new Error(`chunk ${k}: the two paths disagree`)
  }
  console.log(`  fast path: ${fast.chunks.length} chunks, ${fast.txs} transactions; baseline: ${slow.chunks.length} chunks, ${slow.txs} transactions (same public inputs)`)
  const fastRate = (fast.txs * 1000) / fast.cpu
  const slowRate = (slow.txs * 1000) / slow.cpu
  push('batcher chunk building, buildLogChunkFast (no witnesses, deferred hashing)', fastRate, 'tx/s per core (CPU time)')
  push('batcher chunk building, baseline buildLogChunk (protocol buildChunk)', slowRate, 'tx/s per core (CPU time)')
  push('batcher speed-up over the baseline', fastRate / slowRate, 'x')
  push('CPU per 64-slot chunk, buildLogChunkFast', fast.cpu / fast.chunks.length, 'ms')
  push('CPU per 64-slot chunk, baseline', slow.cpu / slow.chunks.length, 'ms')
  push('event-loop delay while building, buildLogChunkFast, p50', fast.p50, 'ms')
  push('event-loop delay while building, buildLogChunkFast, p99', fast.p99, 'ms')
  push('event-loop delay while building, buildLogChunkFast, max', fast.max, 'ms')
  push('event-loop delay while building, baseline, p99', slow.p99, 'ms')
  push('event-loop delay while building, baseline, max', slow.max, 'ms')

  // As the batcher does it: every chunk and the batch's payload in the worker thread.
  const worker = await WorkerChunkBuilder.start({ genesis, params: P, domain })
  try {
    const h = monitorEventLoopDelay({ resolution: 1 })
    const wall = performance.now()
    h.enable()
    let buffer: readonly LogItem[] = items
    let queuePos = 0
    let startHash = 0n
    let nextSeq = 1
    const ids: number[] = []
    while (buffer.length > 0 && ids.length < Math.min(fast.chunks.length, maxChunksPerBlob(P))) {
      const cut = cutChunk({ items: buffer, params: P, final: true })!
      const b = await worker.build({ cut, queuePos, startHash, nextSeq, feeAccounts: FEE_ACCOUNTS })
      if (b.record.publicInputs.some((v, i) => v !== fast.publicInputs[ids.length]![i])) throw new Error(`chunk ${ids.length}: the worker disagrees`)
      ids.push(b.id)
      buffer = buffer.slice(cut.queue.length + b.txCount)
      queuePos += cut.queue.length
      nextSeq += b.txCount
      startHash = b.newQueueHash
    }
    await worker.seal()
    await worker.payload({ ids, queueStart: 0 })
    h.disable()
    push(`batcher in its worker thread: ${ids.length} chunks and their blob payload, wall time`, performance.now() - wall, 'ms')
    push('event-loop delay of the main thread meanwhile, p50', h.percentile(50) / 1e6, 'ms')
    push('event-loop delay of the main thread meanwhile, p99', h.percentile(99) / 1e6, 'ms')
    push('event-loop delay of the main thread meanwhile, max', h.max / 1e6, 'ms')
  } finally {
    await worker.close()
  }

  // The commit's blob work for one batch (as many chunks as were built, at most a blob's).
  const batch = fast.chunks.slice(0, maxChunksPerBlob(P))
  blobBatch({ params: P, chunks: batch.slice(0, 1) }) // load the KZG setup first
  const t = cpuMs()
  blobBatch({ params: P, chunks: batch })
  push(`blobBatch (blob, KZG commitment and opening) for ${batch.length} chunks`, cpuMs() - t, 'ms CPU')
  push('machine load average (1 min) at end', loadavg()[0]!, 'runnable tasks')
  return out
}
