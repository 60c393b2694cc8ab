import { describe, expect, it } from 'vitest'
import { FIELD_MODULUS } from '../field/field.ts'
import { ELEMENT_BYTES, MONTGOMERY_R } from './limbs.ts'
import { MAX_PRODUCTS } from './montgomery.ts'
import { optimizedPoseidonParams } from './poseidonOptimized.ts'
import { poseidonReference } from './poseidonReference.ts'
import { buildPoseidonWasm, dotChunks, kernelValueBound, poseidonKernel, poseidonLayout } from './poseidonWasm.ts'
import { validateWasm } from './wasmInstance.ts'

describe('Poseidon WebAssembly kernel', () => {
  it('keeps every intermediate value below R for every width (no limb overflow)', () => {
    for (let t = 2; t <= 17; t++) {
      const bound = kernelValueBound(optimizedPoseidonParams(t))
      expect(bound < MONTGOMERY_R, `t = ${t}: bound ${bound}`).toBe(true)
      expect(bound > 2n * FIELD_MODULUS).toBe(true) // the bound is not vacuous
    }
  })

  it('splits dot products into chunks a reduction can take', () => {
    for (let t = 2; t <= 17; t++) {
      const chunks = dotChunks(t)
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(t)
      expect(Math.max(...chunks)).toBeLessThanOrEqual(MAX_PRODUCTS)
      expect(new Set(chunks).size).toBeLessThanOrEqual(2)
    }
  })

  it('lays out non-overlapping regions', () => {
    const L = poseidonLayout(17, 68)
    const starts = [L.state, L.scratch, L.zero, L.one, L.r2, L.fullConstants, L.mds, L.preSparse, L.partial, L.end]
    expect([...starts].sort((a, b) => a - b)).toEqual(starts)
    expect(L.scratch - L.state).toBe(17 * ELEMENT_BYTES)
    expect(L.end - L.partial).toBe(68 * 2 * 17 * ELEMENT_BYTES)
  })

  it('generates valid modules', () => {
    for (const t of [2, 3, 9, 17]) expect(validateWasm(buildPoseidonWasm(optimizedPoseidonParams(t)))).toBe(true)
  })

  it('hashes through the raw word interface', () => {
    const k = poseidonKernel(3)
    k.words.fill(0n, 0, 8)
    k.words[0] = 1n
    k.words[4] = 2n
    k.hash()
    const result = [0, 1, 2, 3].reduce((acc, j) => acc | (k.words[j]! << BigInt(64 * j)), 0n)
    expect(result).toBe(poseidonReference([1n, 2n]))
    expect(poseidonKernel(3)).toBe(k) // cached
  })
})
