import { describe, expect, it } from 'vitest'
import { Args } from './Args.ts'
import { CliError, EXIT } from './CliError.ts'

describe('Args', () => {
  it('reads values, flags and positionals in both --a b and --a=b forms', () => {
    const a = Args.parse(['transfer', '--to', '7', '--amount=1.5', '--json', '--wait'], { flags: ['json', 'wait'] })
    expect(a.positionals).toEqual(['transfer'])
    expect(a.number('to')).toBe(7)
    expect(a.string('amount')).toBe('1.5')
    expect(a.flag('json')).toBe(true)
    expect(a.flag('wait')).toBe(true)
    expect(a.flag('absent')).toBe(false)
    expect(() => a.done()).not.toThrow()
  })

  it('refuses options nobody read, with exit code 2 and their names', () => {
    const a = Args.parse(['--amout', '1', '--to', '2'])
    a.string('to')
    try {
      a.done()
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CliError)
      expect((e as CliError).exitCode).toBe(EXIT.USAGE)
      expect((e as CliError).message).toContain('--amout')
      expect((e as CliError).message).not.toContain('--to')
    }
  })

  it('refuses a non-number for a number option and a missing required value', () => {
    expect(() => Args.parse(['--users', 'three']).number('users')).toThrow(/must be a number/)
    expect(() => Args.parse([]).required('amount')).toThrow(/--amount is required/)
    expect(() => Args.parse(['--amount']).string('amount')).toThrow(/needs a value/)
  })
})
