import { describe, expect, it } from 'vitest'
import { buildPoseidon } from 'circomlibjs'
import { generatePoseidonParams } from './grain.ts'
import { poseidonReference } from './poseidonReference.ts'
import { FIELD_MODULUS } from '../field/field.ts'

describe('Poseidon parameters from the Grain LFSR', () => {
  it('give, for every width, the hash circomlibjs computes', async () => {
    const ref = await buildPoseidon()
    for (let n = 1; n <= 16; n++) {
      const inputs = Array.from({ length: n }, (_, i) => (BigInt(i + 1) * 0x1234567890abcdefn * BigInt(n)) % FIELD_MODULUS)
      expect(poseidonReference(inputs), `${n} inputs`).toBe(ref.F.toObject(ref(inputs)))
    }
  })

  it('give round constants below the modulus and an invertible-entry Cauchy matrix', () => {
    const p = generatePoseidonParams(3)
    expect(p.roundConstants).toHaveLength((8 + 57) * 3)
    expect(p.roundConstants.every((c) => c >= 0n && c < FIELD_MODULUS)).toBe(true)
    expect(new Set(p.mds.flat()).size).toBe(9)
  })

  it('refuse widths circomlib does not define', () => {
    expect(() => generatePoseidonParams(1)).toThrow(/not supported/)
    expect(() => generatePoseidonParams(18)).toThrow(/not supported/)
  })

  it('refuse inputs outside the field', () => {
    expect(() => poseidonReference([FIELD_MODULUS])).toThrow(/out of range/)
  })
})
