/**
 * CPU figures from the kernel (Linux `/proc`), for the benches' "where the time goes" lines.
 * Each reader gives NaN (or nothing) where `/proc` is not there, rather than failing a bench.
 *
 * @example
 * ```ts
 * const before = threadsCpu()
 * const pressure0 = cpuPressureMs()
 * await runPhase()
 * console.log(threadCpuReport({ before, after: threadsCpu(), tx: 8000 }))
 * console.log((cpuPressureMs() - pressure0) / 8000) // share of the 8 s some thread waited for a CPU
 * ```
 */
import { readdirSync, readFileSync } from 'node:fs'

/** One thread's CPU time so far. */
export interface ThreadCpu {
  name: string
  /** user + system, ms */
  ms: number
  /** system, ms */
  sys: number
}

/** `utime` and `stime` of a `/proc/.../stat` line, in ms (ticks of 1/100 s). The name before them may hold ') '. */
function statTimes(stat: string): { ms: number; sys: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100, sys: (Number(fields[12]) * 1000) / 100 }
}

/** CPU time (user + system, ms) another process has used so far, or NaN. */
export function processCpuMs(pid: number | undefined): number {
  try {
    return statTimes(readFileSync(`/proc/${pid}/stat`, 'utf8')).ms
  } catch {
    return Number.NaN
  }
}

/** CPU time of each thread of this process, by thread id. */
export function threadsCpu(): Map<string, ThreadCpu> {
  const out = new Map<string, ThreadCpu>()
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      out.set(tid, { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ...statTimes(stat) })
    }
  } catch {
    // not Linux
  }
  return out
}

/** Lines "thread <tid> <name>: <us> us/tx (system <us>)" for the threads that used 5 us or more per transaction between two readings, busiest first. */
export function threadCpuReport(params: { before: Map<string, ThreadCpu>; after: Map<string, ThreadCpu>; tx: number }): string {
  const tx = Math.max(1, params.tx)
  return [...params.after]
    .map(([tid, a]) => ({ tid, name: a.name, us: ((a.ms - (params.before.get(tid)?.ms ?? 0)) * 1000) / tx, sys: ((a.sys - (params.before.get(tid)?.sys ?? 0)) * 1000) / tx }))
    .filter((t) => t.us >= 5)
    .sort((x, y) => y.us - x.us)
    .map((t) => `    thread ${t.tid} ${t.name}: ${t.us.toFixed(0)} us/tx (system ${t.sys.toFixed(0)})`)
    .join('\n')
}

/** Time (ms) some thread of the machine has waited for a CPU so far (pressure stall information, Linux 4.20+), or NaN. */
export function cpuPressureMs(): number {
  try {
    return Number(/some .*total=(\d+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))![1]) / 1000
  } catch {
    return Number.NaN
  }
}
