import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { OutOfRangeError, ProtocolError } from '../errors.ts'
import { FIELD_MODULUS, mod } from '../field/field.ts'
import { poseidon, poseidon2 } from './poseidon.ts'
import { poseidonReference } from './poseidonReference.ts'

const p = FIELD_MODULUS

/** Deterministic pseudo-random field elements. */
function randomFields(seed: string, count: number): bigint[] {
  return Array.from({ length: count }, (_, i) => mod(BigInt(`0x${createHash('sha256').update(`${seed}:${i}`).digest('hex')}`)))
}

describe('poseidon equals poseidonReference', () => {
  for (let n = 1; n <= 16; n++) {
    it(`${n} input${n > 1 ? 's' : ''}: random and edge values`, () => {
      const cases: bigint[][] = [
        Array<bigint>(n).fill(0n),
        Array<bigint>(n).fill(1n),
        Array<bigint>(n).fill(p - 1n),
        Array.from({ length: n }, (_, i) => [0n, 1n, p - 1n][i % 3]!),
        ...Array.from({ length: 4 }, (_, trial) => randomFields(`w${n}-${trial}`, n)),
      ]
      for (const inputs of cases) expect(poseidon(inputs)).toBe(poseidonReference(inputs))
    })
  }

  it('distinguishes inputs (no stale state between calls and widths)', () => {
    const seen = new Set<bigint>()
    for (let n = 1; n <= 4; n++) {
      for (const inputs of [Array<bigint>(n).fill(0n), Array<bigint>(n).fill(1n)]) seen.add(poseidon(inputs))
    }
    expect(seen.size).toBe(8)
    expect(poseidon([5n, 6n])).toBe(poseidonReference([5n, 6n]))
    expect(poseidon([5n])).toBe(poseidonReference([5n]))
  })
})

describe('poseidon2', () => {
  it('equals poseidon([a, b]) and the reference', () => {
    const values = [0n, 1n, p - 1n, ...randomFields('p2', 30)]
    for (let i = 0; i < values.length; i++) {
      const a = values[i]!
      const b = values[(i * 7 + 3) % values.length]!
      const h = poseidon2(a, b)
      expect(h).toBe(poseidonReference([a, b]))
      expect(h).toBe(poseidon([a, b]))
    }
  })

  it('is order sensitive', () => {
    expect(poseidon2(1n, 2n)).not.toBe(poseidon2(2n, 1n))
  })
})

describe('rejections', () => {
  it('rejects inputs at or above the modulus and negative inputs with OutOfRangeError', () => {
    for (const bad of [p, p + 1n, 1n << 256n, -1n]) {
      expect(() => poseidon([bad])).toThrow(OutOfRangeError)
      expect(() => poseidon([1n, 2n, bad])).toThrow(OutOfRangeError)
      expect(() => poseidon2(bad, 0n)).toThrow(OutOfRangeError)
      expect(() => poseidon2(0n, bad)).toThrow(OutOfRangeError)
      // The reference rejects the same inputs.
      expect(() => poseidonReference([1n, 2n, bad])).toThrow(OutOfRangeError)
    }
  })

  it('names the offending input', () => {
    expect(() => poseidon([1n, p])).toThrow(/Poseidon input 1/)
    expect(() => poseidon2(0n, p)).toThrow(/Poseidon input 1/)
    expect(() => poseidon2(-1n, 0n)).toThrow(/Poseidon input 0/)
  })

  it('rejects 0 and more than 16 inputs with a clear error', () => {
    for (const n of [0, 17, 20]) {
      const call = (): bigint => poseidon(Array<bigint>(n).fill(1n))
      expect(call).toThrow(OutOfRangeError)
      expect(call).toThrow(/Poseidon input count/)
      try {
        call()
      } catch (err) {
        expect(err).toBeInstanceOf(ProtocolError)
        expect((err as ProtocolError).code).toBe('OUT_OF_RANGE')
      }
    }
  })

  it('rejects non-bigint inputs', () => {
    expect(() => poseidon([1 as unknown as bigint])).toThrow(TypeError)
  })

  it('still hashes correctly after a rejected call', () => {
    expect(() => poseidon([1n, p])).toThrow()
    expect(poseidon([1n, 2n])).toBe(poseidonReference([1n, 2n]))
  })
})

interface CircomPoseidon {
  (inputs: bigint[]): unknown
  F: { toObject(x: unknown): bigint }
}

describe('agrees with circomlibjs', () => {
  let circom: CircomPoseidon
  beforeAll(async () => {
    // A non-literal specifier: circomlibjs ships no type declarations.
    const name = 'circomlibjs'
    const lib = (await import(name)) as { buildPoseidon: () => Promise<CircomPoseidon> }
    circom = await lib.buildPoseidon()
  })

  for (const n of [1, 2, 4, 5, 16]) {
    it(`${n} inputs`, () => {
      for (const inputs of [Array<bigint>(n).fill(p - 1n), ...[0, 1, 2].map((s) => randomFields(`c${n}-${s}`, n))]) {
        expect(poseidon(inputs)).toBe(circom.F.toObject(circom(inputs)))
      }
    })
  }

  it('poseidon2', () => {
    for (const [a, b] of [[0n, 0n], [1n, 2n], randomFields('c2', 2)] as [bigint, bigint][]) {
      expect(poseidon2(a, b)).toBe(circom.F.toObject(circom([a, b])))
    }
  })
})
