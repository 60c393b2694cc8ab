import { FIELD_MODULUS, inv, mod } from '../field/field.ts'

/** A matrix over the BN254 scalar field, row-major: `m[i][j]` is row i, column j. */
export type FieldMatrix = readonly (readonly bigint[])[]

/**
 * Matrix product `a * b` over the field.
 *
 * @example
 * ```ts
 * matMul([[1n, 2n]], [[3n], [4n]]) // [[11n]]
 * ```
 */
export function matMul(a: FieldMatrix, b: FieldMatrix): bigint[][] {
  const inner = b.length
  const cols = b[0]?.length ?? 0
  return a.map((row) => {
    if (row.length !== inner) throw new RangeError('matMul: dimension mismatch')
    return Array.from({ length: cols }, (_, j) => {
      let acc = 0n
      for (let k = 0; k < inner; k++) acc += row[k]! * b[k]![j]!
      return acc % FIELD_MODULUS
    })
  })
}

/**
 * Matrix-vector product `m * v` over the field.
 *
 * @example
 * ```ts
 * matVec([[1n, 2n], [3n, 4n]], [1n, 1n]) // [3n, 7n]
 * ```
 */
export function matVec(m: FieldMatrix, v: readonly bigint[]): bigint[] {
  return m.map((row) => {
    if (row.length !== v.length) throw new RangeError('matVec: dimension mismatch')
    let acc = 0n
    for (let k = 0; k < v.length; k++) acc += row[k]! * v[k]!
    return acc % FIELD_MODULUS
  })
}

/**
 * The transpose of a matrix.
 *
 * @example
 * ```ts
 * transpose([[1n, 2n], [3n, 4n]]) // [[1n, 3n], [2n, 4n]]
 * ```
 */
export function transpose(m: FieldMatrix): bigint[][] {
  const cols = m[0]?.length ?? 0
  return Array.from({ length: cols }, (_, j) => m.map((row) => row[j]!))
}

/**
 * The n x n identity matrix.
 *
 * @example
 * ```ts
 * identity(2) // [[1n, 0n], [0n, 1n]]
 * ```
 */
export function identity(n: number): bigint[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1n : 0n)))
}

/**
 * The inverse of a square matrix over the field, by Gauss-Jordan elimination. Throws a
 * RangeError if the matrix is singular.
 *
 * @example
 * ```ts
 * const m = [[2n, 1n], [1n, 1n]]
 * matMul(m, matInverse(m)) // identity(2)
 * ```
 */
export function matInverse(m: FieldMatrix): bigint[][] {
  const n = m.length
  const a = m.map((row, i) => {
    if (row.length !== n) throw new RangeError('matInverse: not square')
    return [...row.map((x) => mod(x)), ...identity(n)[i]!]
  })
  for (let col = 0; col < n; col++) {
    const pivot = a.findIndex((row, r) => r >= col && row[col] !== 0n)
    if (pivot < 0) throw new RangeError('matInverse: singular matrix')
    ;[a[col], a[pivot]] = [a[pivot]!, a[col]!]
    const pivotRow = a[col]!
    const scale = inv(pivotRow[col]!)
    for (let j = 0; j < 2 * n; j++) pivotRow[j] = (pivotRow[j]! * scale) % FIELD_MODULUS
    for (let r = 0; r < n; r++) {
      const row = a[r]!
      const factor = row[col]!
      if (r === col || factor === 0n) continue
      for (let j = 0; j < 2 * n; j++) row[j] = mod(row[j]! - factor * pivotRow[j]!)
    }
  }
  return a.map((row) => row.slice(n))
}
