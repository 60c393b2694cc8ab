import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FIELD_MODULUS, mod } from '../field/field.ts'
import { matMul, matVec } from './fieldMatrix.ts'
import {
  blockDiagonal,
  optimizedPoseidonParams,
  poseidonOptimizedReference,
  sparseToDense,
  splitSparse,
} from './poseidonOptimized.ts'
import { poseidonParams, poseidonReference } from './poseidonReference.ts'

const p = FIELD_MODULUS

function randomFields(seed: string, count: number): bigint[] {
  return Array.from({ length: count }, (_, i) => mod(BigInt(`0x${createHash('sha256').update(`${seed}:${i}`).digest('hex')}`)))
}

describe('optimised Poseidon schedule', () => {
  for (let t = 2; t <= 17; t++) {
    it(`t = ${t}: equals the plain permutation`, () => {
      const n = t - 1
      for (const inputs of [Array<bigint>(n).fill(0n), Array<bigint>(n).fill(p - 1n), randomFields(`opt${t}`, n)]) {
        expect(poseidonOptimizedReference(inputs)).toBe(poseidonReference(inputs))
      }
    })
  }

  it('has the documented shape', () => {
    const { mds, partialRounds } = poseidonParams(5)
    const o = optimizedPoseidonParams(5)
    expect(o.partialConstants).toHaveLength(partialRounds)
    expect(o.sparse).toHaveLength(partialRounds)
    expect(o.fullConstants).toHaveLength(8)
    for (const s of o.sparse) {
      expect(s.w).toHaveLength(5)
      expect(s.v).toHaveLength(4)
      expect(s.w[0]).toBe(mds[0]![0])
    }
  })

  it('splits a matrix into sparse * diag(1, B)', () => {
    for (const t of [2, 3, 6]) {
      const { mds } = poseidonParams(t)
      const { sparse, block } = splitSparse(mds)
      expect(matMul(sparseToDense(sparse), blockDiagonal(block))).toEqual(mds)
    }
  })

  it('chains the split through the partial rounds: the sparse matrices times the pre-sparse matrix equal M^(R_P + 1)', () => {
    // With the S-boxes and constants removed the partial rounds are linear, so the
    // optimised product S_last ... S_first * preSparse must equal M^(R_P) * M.
    const t = 3
    const o = optimizedPoseidonParams(t)
    const x = randomFields('chain', t)
    let plain = x
    for (let r = 0; r <= o.partialRounds; r++) plain = matVec(o.mds, plain)
    let opt = matVec(o.preSparse, x)
    for (const s of o.sparse) opt = matVec(sparseToDense(s), opt)
    expect(opt).toEqual(plain)
  })
})
