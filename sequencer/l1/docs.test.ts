import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { L1_TX_CONFIG_DEFAULTS, L1_TX_CONFIG_ENV } from './L1TxConfig.ts'
import { L1_TX_ERROR_SEVERITY } from './L1TxError.ts'

const doc = readFileSync(new URL('../../docs/l1-transactions.md', import.meta.url), 'utf8')

describe('docs/l1-transactions.md matches the code', () => {
  it('lists every configuration field with its variable and default', () => {
    const GWEI = 10n ** 9n
    for (const [field, env] of Object.entries(L1_TX_CONFIG_ENV)) {
      const v = L1_TX_CONFIG_DEFAULTS[field as keyof typeof L1_TX_CONFIG_DEFAULTS]
      const shown = typeof v === 'bigint' && v % GWEI === 0n ? `${v / GWEI} gwei` : String(v)
      expect(doc, field).toContain(`| \`${field}\` | \`${env}\` | ${shown} |`)
    }
  })

  it('lists every error code with its severity', () => {
    for (const [code, severity] of Object.entries(L1_TX_ERROR_SEVERITY)) expect(doc, code).toContain(`| \`${code}\` | ${severity} |`)
  })
})
