/**
 * Diagnostics of the sequencer bench's tail (`CW_BENCH_TAIL=<ms>`): while a phase runs it
 * records, on one absolute clock, the main thread's stalls over 4 ms (split into time on a CPU
 * and time waiting for one, from `/proc/thread-self/schedstat`), GC pauses, group commits
 * (sent, answered, WAL write + fsync), block seals and the store's WAL checkpoints. Given the requests the load generator
 * found slower than `<ms>`, it groups them into clusters (slow requests less than 20 ms apart)
 * and prints what happened in and just before each: a tail made of a few clusters has causes
 * to find; one spread evenly is the machine's scheduling.
 *
 * @example
 * ```ts
 * const stop = watchTail({ journal: sequencer.journal, sealer: sequencer.sealer })
 * const result = await runPhase()
 * console.log(stop(result.slow ?? []))
 * ```
 */
import { readFileSync } from 'node:fs'
import { PerformanceObserver, performance } from 'node:perf_hooks'
import type { BlockSealer } from '../sequencer/blocks/BlockSealer.ts'
import type { BatchSink, Journal } from '../sequencer/store/Journal.ts'

interface Span {
  at: number
  ms: number
  what: string
}

const abs = (t: number): number => performance.timeOrigin + t

export function watchTail(params: { journal: Journal; sealer: BlockSealer }): (slow: readonly [number, number][]) => string {
  const spans: Span[] = []
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > 1) spans.push({ at: abs(e.startTime), ms: e.duration, what: `GC kind ${(e as unknown as { detail?: { kind?: number } }).detail?.kind} ${e.duration.toFixed(1)} ms` })
  })
  gc.observe({ entryTypes: ['gc'] })
  const sched = (): [number, number] => {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')
    return [Number(run) / 1e6, Number(wait) / 1e6]
  }
  let last = performance.now()
  let lastSched = sched()
  const timer = setInterval(() => {
    const now = performance.now()
    const s = sched()
    if (now - last > 4) spans.push({ at: abs(last), ms: now - last, what: `main stall ${(now - last).toFixed(1)} ms (on a CPU ${(s[0] - lastSched[0]).toFixed(1)}, waiting for one ${(s[1] - lastSched[1]).toFixed(1)})` })
    last = now
    lastSched = s
  }, 1)
  // The journal's sink and the sealer's seal, wrapped for the phase (diagnostics only).
  const journal = params.journal as unknown as { sink: BatchSink }
  const sink = journal.sink
  const write = sink.write.bind(sink)
  sink.write = (batch) => {
    const sent = performance.now()
    const p = write(batch)
    void p.then((r) => {
      const back = performance.now()
      if (back - sent > 3) spans.push({ at: abs(sent), ms: back - sent, what: `commit round trip ${(back - sent).toFixed(1)} ms (${batch.txs.length} tx, WAL+fsync ${r.ms.toFixed(1)} ms, signature wait ${r.signMs.toFixed(1)} ms)` })
    }, () => {})
    return p
  }
  const sealer = params.sealer as unknown as { seal: () => unknown }
  const seal = sealer.seal.bind(sealer)
  sealer.seal = () => {
    const t = performance.now()
    const out = seal()
    spans.push({ at: abs(t), ms: performance.now() - t, what: `block sealed (${(performance.now() - t).toFixed(2)} ms)` })
    return out
  }
  return (slow) => {
    clearInterval(timer)
    gc.disconnect()
    sink.write = write
    sealer.seal = seal
    // The store's checkpoints (its checkpoint thread reports each one).
    for (const c of (sink as { checkpoints?: { at: number; ms: number; pages: number }[] }).checkpoints ?? []) spans.push({ at: c.at, ms: c.ms, what: `WAL checkpoint ${c.ms.toFixed(1)} ms (${c.pages} pages)` })
    const clusters: { from: number; to: number; n: number; max: number }[] = []
    for (const [at, ms] of [...slow].sort((a, b) => a[0] - b[0])) {
      const c = clusters.at(-1)
      if (c && at - c.to < 20) {
        c.to = at
        c.n++
        c.max = Math.max(c.max, ms)
      } else clusters.push({ from: at, to: at, n: 1, max: ms })
    }
    const t0 = slow.length ? Math.min(...slow.map((s) => s[0])) : 0
    const lines = [`    tail anatomy: ${slow.length} slow requests in ${clusters.length} clusters (less than 20 ms apart)`]
    for (const c of clusters.sort((a, b) => b.n - a.n).slice(0, 12)) {
      const near = spans.filter((s) => s.at + s.ms >= c.from - 15 && s.at <= c.to).map((s) => `${(s.at - c.from).toFixed(0)} ms: ${s.what}`)
      lines.push(`    cluster at +${((c.from - t0) / 1000).toFixed(2)} s: ${c.n} slow over ${(c.to - c.from).toFixed(0)} ms, worst ${c.max.toFixed(1)} ms; around it: ${near.length ? near.join('; ') : 'nothing recorded'}`)
    }
    return lines.join('\n')
  }
}
