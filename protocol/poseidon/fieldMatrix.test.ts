import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { mod } from '../field/field.ts'
import { identity, matInverse, matMul, matVec, transpose } from './fieldMatrix.ts'

function randomMatrix(seed: string, n: number): bigint[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => mod(BigInt(`0x${createHash('sha256').update(`${seed}:${i}:${j}`).digest('hex')}`))),
  )
}

describe('field matrices', () => {
  it('inverts random matrices', () => {
    for (const n of [1, 2, 5, 16]) {
      const m = randomMatrix(`inv${n}`, n)
      const mi = matInverse(m)
      expect(matMul(m, mi)).toEqual(identity(n))
      expect(matMul(mi, m)).toEqual(identity(n))
    }
  })

  it('inverts a matrix that needs a row swap', () => {
    const m = [
      [0n, 1n],
      [1n, 0n],
    ]
    expect(matInverse(m)).toEqual(m)
  })

  it('rejects singular matrices', () => {
    expect(() => matInverse([[1n, 2n], [2n, 4n]])).toThrow(RangeError)
  })

  it('multiplies consistently with matVec and transpose', () => {
    const a = randomMatrix('a', 4)
    const b = randomMatrix('b', 4)
    const v = randomMatrix('v', 4)[0]!
    expect(matVec(matMul(a, b), v)).toEqual(matVec(a, matVec(b, v)))
    expect(transpose(matMul(a, b))).toEqual(matMul(transpose(b), transpose(a)))
    expect(matMul([[1n, 2n]], [[3n], [4n]])).toEqual([[11n]])
  })
})
