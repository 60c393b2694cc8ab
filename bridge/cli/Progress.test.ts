import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { Progress } from './Progress.ts'

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough()
  const chunks: string[] = []
  out.on('data', (c: Buffer) => chunks.push(c.toString()))
  return { out, text: () => chunks.join('') }
}

describe('Progress', () => {
  it('writes one JSON event per line in json mode, with the step name, detail and fraction', async () => {
    const { out, text } = capture()
    let t = 1000
    const p = new Progress({ mode: 'json', out, now: () => t })
    const s = p.step('setup')
    t += 500
    s.update('compile', 0.25)
    t += 1500
    s.done('ok')
    const events = text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(events.map((e) => e.event)).toEqual(['start', 'update', 'done'])
    expect(events[1]).toMatchObject({ step: 'setup', detail: 'compile', fraction: 0.25, elapsedMs: 500 })
    expect(events[2]).toMatchObject({ summary: 'ok', elapsedMs: 2000 })
  })

  it('in line mode throttles updates to the interval and reports failures with the message', async () => {
    const { out, text } = capture()
    let t = 0
    const p = new Progress({ mode: 'lines', out, now: () => t, lineIntervalMs: 1000 })
    const s = p.step('proving')
    t = 100
    s.update('witness') // within the interval: not printed
    t = 1200
    s.update('prove', 0.5)
    s.fail('out of memory')
    const lines = text().trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain('prove (50%)')
    expect(lines[2]).toMatch(/^✘ proving \(1s\): out of memory$/)
  })

  it('run() rethrows the error of the step and marks it failed', async () => {
    const { out, text } = capture()
    const p = new Progress({ mode: 'lines', out })
    await expect(p.run('deploy', async () => { throw new Error('no code at 0x00') })).rejects.toThrow('no code')
    expect(text()).toContain('✘ deploy')
  })
})
