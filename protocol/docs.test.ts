import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as protocol from './index.ts'

const doc = readFileSync(new URL('../docs/protocol.md', import.meta.url), 'utf8')

/** Rows `| \`NAME\` | value | ... |` of the page's tables. */
function rows(): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const line of doc.split('\n')) {
    const m = /^\s*\| `([A-Z0-9_.]+)` \| ([^|]+)\|(.*)$/.exec(line)
    if (m) out.set(m[1]!, [m[2]!.trim(), ...m[3]!.split('|').map((s) => s.trim()).filter(Boolean)])
  }
  return out
}

const lookup = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], protocol)

describe('docs/protocol.md', () => {
  const table = rows()

  it('states every scalar constant with the value the code exports', () => {
    const scalars = ['FIELD_MODULUS', 'SUBGROUP_ORDER', 'BITS.AMOUNT', 'BITS.INDEX', 'BITS.TOKEN', 'BITS.NONCE', 'BITS.ADDRESS', 'BITS.TAG', 'MAX_DEPTH', 'ETH_TOKEN_ID', 'FIRST_ACCOUNT_INDEX', 'FIRST_SEQUENCE']
    for (const name of scalars) {
      expect(table.get(name)?.[0], name).toBe(String(lookup(name)))
    }
  })

  it('lists every transaction type, queue kind and record type with its code value', () => {
    for (const group of ['TX_TYPE', 'QUEUE_KIND', 'RECORD_TYPE'] as const) {
      for (const [name, value] of Object.entries(protocol[group])) {
        expect(table.get(`${group}.${name}`)?.[0], `${group}.${name}`).toBe(String(value))
      }
    }
  })

  it('gives each parameter preset as the code defines it', () => {
    for (const preset of ['TEST_PARAMS', 'DEVNET_PARAMS', 'PRODUCTION_PARAMS'] as const) {
      const p = protocol[preset]
      expect(table.get(preset), preset).toEqual([p.depth, p.nTx, p.nQueue, p.nFee].map(String))
    }
  })

  it('names the inline constants with their values', () => {
    const inline: [string, unknown][] = [
      [`\`DOMAIN_TAG\` =\n  \`0x${protocol.DOMAIN_TAG.toString(16)}\``, true],
      [`\`EIP712_NAME\` = \`${protocol.EIP712_NAME}\``, true],
      [`\`EIP712_VERSION\` = \`${protocol.EIP712_VERSION}\``, true],
      [`\`DA_VERSION\` = ${protocol.DA_VERSION}`, true],
      [`\`BLOB_BYTES_PER_ELEMENT\` = ${protocol.BLOB_BYTES_PER_ELEMENT}`, true],
      [`\`BLOB_ELEMENTS\` = ${protocol.BLOB_ELEMENTS}`, true],
      [`\`BLOB_BYTES\` = ${protocol.BLOB_BYTES}`, true],
      [`\`RECORD_TYPE_BITS\` = ${protocol.RECORD_TYPE_BITS}`, true],
      [`\`FLOAT.AMOUNT\` = ${protocol.FLOAT.AMOUNT.exponentBits} exponent bits, ${protocol.FLOAT.AMOUNT.mantissaBits} mantissa bits`, true],
      [`\`FLOAT.FEE\` = ${protocol.FLOAT.FEE.exponentBits} and ${protocol.FLOAT.FEE.mantissaBits}`, true],
    ]
    for (const [text] of inline) expect(doc.includes(text), text).toBe(true)
  })

  it('lists the public inputs in circuit order', () => {
    const listed = protocol.PUBLIC_INPUT_NAMES.map((n) => `\`${n}\``).join(', ')
    expect(doc.replace(/\s+/g, ' ')).toContain(listed)
  })

  it('names every error code', () => {
    for (const code of ['OUT_OF_RANGE', 'NOT_REPRESENTABLE', 'DECODE_ERROR', 'INVALID_POINT', 'INVALID_CHUNK', 'BAD_KEY_SIGNATURE']) {
      expect(doc).toContain(`\`${code}\``)
    }
  })
})
