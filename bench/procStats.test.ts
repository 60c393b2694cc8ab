import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cpuPressureMs, processCpuMs, threadCpuReport, threadsCpu, type ThreadCpu } from './procStats.ts'

// /proc is Linux's: elsewhere the readers give NaN or nothing (checked below), so only these checks need it.
const linux = existsSync('/proc/self/task')

describe('procStats', () => {
  it.skipIf(!linux)('reads this process: its threads, and its CPU time growing with work', () => {
    const before = processCpuMs(process.pid)
    let x = 0
    const end = performance.now() + 60
    while (performance.now() < end) x += Math.sqrt(x + 1)
    expect(x).toBeGreaterThan(0)
    expect(processCpuMs(process.pid)).toBeGreaterThan(before)
    const threads = threadsCpu()
    expect(threads.has(String(process.pid))).toBe(true) // the main thread's id is the process id
    for (const t of threads.values()) expect(t.ms).toBeGreaterThanOrEqual(t.sys)
  })

  it('gives NaN for a process that is not there', () => {
    expect(processCpuMs(2 ** 30)).toBeNaN()
    expect(processCpuMs(undefined)).toBeNaN()
  })

  it('reports per-transaction thread time between two readings, busiest first, without the idle ones', () => {
    const t = (ms: number, sys: number): ThreadCpu => ({ name: 'node', ms, sys })
    const before = new Map([['1', t(100, 10)], ['2', t(50, 0)], ['3', t(7, 1)]])
    const after = new Map([['1', t(300, 30)], ['2', t(450, 40)], ['3', t(7.001, 1)], ['4', t(20, 0)]])
    expect(threadCpuReport({ before, after, tx: 1000 }).split('\n')).toEqual([
      '    thread 2 node: 400 us/tx (system 40)',
      '    thread 1 node: 200 us/tx (system 20)',
      '    thread 4 node: 20 us/tx (system 0)',
    ])
  })

  it('reads the CPU pressure as a growing total, or NaN without pressure stall information', () => {
    const p = cpuPressureMs()
    if (Number.isNaN(p)) return expect(existsSync('/proc/pressure/cpu')).toBe(false)
    expect(p).toBeGreaterThanOrEqual(0)
    expect(cpuPressureMs()).toBeGreaterThanOrEqual(p)
  })
})
