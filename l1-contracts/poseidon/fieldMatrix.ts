import { FIELD_MODULUS, inv, mod } from '../../protocol/index.ts'

/**
 * A matrix over the BN254 scalar field, row-major (`m[i][j]` is row i, column j).
 *
 * @example
 * ```ts
 * const m: Matrix = [[1n, 2n], [3n, 4n]]
 * ```
 */
export type Matrix = readonly (readonly bigint[])[]

const P = FIELD_MODULUS

/**
 * Field linear algebra for the Poseidon schedule: products, transpose, inverse (Gauss-Jordan)
 * and powers of small square matrices over the BN254 scalar field.
 *
 * @example
 * ```ts
 * const m = [[2n, 1n], [1n, 1n]]
 * fieldMatrix.mul(m, fieldMatrix.inverse(m)) // [[1n, 0n], [0n, 1n]]
 * fieldMatrix.vec(m, [1n, 1n]) // [3n, 2n]
 * ```
 */
export const fieldMatrix = {
  /** `a * b`. */
  mul(a: Matrix, b: Matrix): bigint[][] {
    return a.map((row) => b[0]!.map((_, j) => row.reduce((acc, x, k) => acc + x * b[k]![j]!, 0n) % P))
  },
  /** `m * v`. */
  vec(m: Matrix, v: readonly bigint[]): bigint[] {
    return m.map((row) => row.reduce((acc, x, k) => acc + x * v[k]!, 0n) % P)
  },
  /** The transpose. */
  transpose(m: Matrix): bigint[][] {
    return m[0]!.map((_, j) => m.map((row) => row[j]!))
  },
  /** The n x n identity. */
  identity(n: number): bigint[][] {
    return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1n : 0n)))
  },
  /** The inverse; throws a RangeError for a singular matrix. */
  inverse(m: Matrix): bigint[][] {
    const n = m.length
    const a = m.map((row, i) => [...row.map((x) => mod(x)), ...fieldMatrix.identity(n)[i]!])
    for (let col = 0; col < n; col++) {
      const pivot = a.findIndex((row, r) => r >= col && row[col] !== 0n)
      if (pivot < 0) throw new RangeError('fieldMatrix.inverse: singular matrix')
      ;[a[col], a[pivot]] = [a[pivot]!, a[col]!]
      const prow = a[col]!
      const scale = inv(prow[col]!)
      for (let j = 0; j < 2 * n; j++) prow[j] = (prow[j]! * scale) % P
      for (let r = 0; r < n; r++) {
        const f = a[r]![col]!
        if (r === col || f === 0n) continue
        for (let j = 0; j < 2 * n; j++) a[r]![j] = mod(a[r]![j]! - f * prow[j]!)
      }
    }
    return a.map((row) => row.slice(n))
  },
  /** `m^e`, e >= 0. */
  pow(m: Matrix, e: number): bigint[][] {
    let result = fieldMatrix.identity(m.length)
    let base = m.map((row) => [...row])
    for (; e > 0; e >>= 1) {
      if (e & 1) result = fieldMatrix.mul(result, base)
      base = fieldMatrix.mul(base, base)
    }
    return result
  },
}
