import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONFIG_ENV } from './config/index.ts'
import { REFUSAL_RPC_CODE } from './errors/index.ts'
import { RPC_METHOD_NAMES } from './rpc/rpcSchema.ts'

const doc = readFileSync(new URL('../docs/rpc.md', import.meta.url), 'utf8')

describe('docs/rpc.md matches the code', () => {
  it('documents every method', () => {
    for (const m of RPC_METHOD_NAMES) expect(doc, m).toContain(`### \`${m}\``)
  })

  it('lists every refusal with its code', () => {
    for (const [name, code] of Object.entries(REFUSAL_RPC_CODE)) expect(doc, name).toContain(`| ${code} | \`${name}\` |`)
  })

  it('lists every configuration variable with its field', () => {
    for (const [field, env] of Object.entries(CONFIG_ENV)) expect(doc, field).toContain(`| \`${field}\` | \`${env}\` |`)
  })
})
