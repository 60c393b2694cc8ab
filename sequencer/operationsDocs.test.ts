import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONFIG_ENV } from './config/configFromEnv.ts'

describe('docs/operations.md matches the sequencer configuration', () => {
  it('lists every variable the sequencer reads', () => {
    const doc = readFileSync(new URL('../docs/operations.md', import.meta.url), 'utf8')
    const missing = Object.values(CONFIG_ENV).filter((v) => !doc.includes(`\`${v}\``))
    expect(missing).toEqual([])
  })
})
