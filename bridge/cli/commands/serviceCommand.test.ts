import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../CliError.ts'
import { runCli } from '../counterweight.ts'

describe('service commands', () => {
  it.each(['sequencer', 'prover', 'node'])('`%s` refuses words after its name (usage, before starting anything)', async (name) => {
    const out: string[] = []
    const code = await runCli({ argv: [name, 'takeover', '--json'], env: {}, stdout: (t) => out.push(t), stderr: new PassThrough() })
    expect(code).toBe(EXIT.USAGE)
    const doc = JSON.parse(out.join('')) as { error: { code: string; message: string } }
    expect(doc.error.code).toBe('USAGE')
    expect(doc.error.message).toContain('takeover')
  })
})
