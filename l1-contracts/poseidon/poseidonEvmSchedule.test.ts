import { describe, expect, it } from 'vitest'
import { FIELD_MODULUS, poseidon } from '../../protocol/index.ts'
import { evaluatePoseidonEvmSchedule, poseidonEvmSchedule } from './poseidonEvmSchedule.ts'

const P = FIELD_MODULUS

describe('poseidonEvmSchedule', () => {
  it('computes protocol poseidon for every width 1..16 (random, zero and p - 1 inputs)', () => {
    for (let n = 1; n <= 16; n++) {
      const schedule = poseidonEvmSchedule({ inputs: n })
      const cases = [new Array<bigint>(n).fill(0n), new Array<bigint>(n).fill(P - 1n), Array.from({ length: n }, (_, i) => (BigInt(i + 1) * 0x9e3779b97f4a7c15f39cc0605cedc834n) % P)]
      for (const inputs of cases) expect(evaluatePoseidonEvmSchedule({ schedule, inputs }), `n = ${n}`).toBe(poseidon(inputs))
    }
  }, 60_000)

  it('has the shape the code generator relies on', () => {
    for (const n of [2, 3, 4, 5]) {
      const s = poseidonEvmSchedule({ inputs: n })
      expect(s.first).toHaveLength(4)
      expect(s.last).toHaveLength(4)
      expect(s.partial.length).toBeGreaterThanOrEqual(56)
      // Partial rounds: S-box output enters s0 with coefficient 1.
      for (const r of s.partial) expect(r.xCoefficient).toBe(1n)
      // Full rounds but the last: one column of ones (column 1 in round 0, whose lane 0 is the known zero).
      const fulls = [...s.first, ...s.last.slice(0, -1)]
      fulls.forEach((step, k) => {
        const col = k === 0 ? 1 : 0
        for (const row of step.matrix) expect(row[col]).toBe(1n)
      })
      for (const step of [...s.first, ...s.last]) for (const row of step.matrix) for (const x of row) expect(x >= 0n && x < P).toBe(true)
    }
  })

  it('rejects unsupported widths', () => {
    expect(() => poseidonEvmSchedule({ inputs: 0 })).toThrow(/1 to 16/)
    expect(() => poseidonEvmSchedule({ inputs: 17 })).toThrow(/1 to 16/)
  })
})
