/**
 * The "optimised" form of circomlib's Poseidon (Poseidon paper, appendix B), derived here
 * from the plain parameters:
 *
 * 1. Partial-round constants. A partial round applies the S-box to s_0 only, so the constants
 *    it adds to s_1..s_(t-1) can be added after the S-box instead, and pushed through the
 *    MDS matrix into the next round's constants. Each partial round then adds one scalar to
 *    s_0; the last leftover lands in the first full round after the partial rounds.
 * 2. Sparse matrices. Split a matrix A = [[a00, r^T], [c, B]] (B the lower-right block) as
 *    A = S * D with D = diag(1, B) and sparse S = [[a00, (B^-T r)^T], [c, I]]. D leaves s_0
 *    alone, so it commutes with a partial round's S-box and scalar constant and moves to the
 *    previous round, where D * M is split again. Starting from the last partial round, every
 *    partial round gets a sparse matrix (2t - 1 products instead of t^2) and the last D is
 *    folded into the matrix of the last full round before the partial rounds.
 *    Since D * M has lower block B * M_hat, the k-th split from the end has B = M_hat^k, so
 *    w_k = (M_hat^-T)^k r and c_k = M_hat^(k-1) c, computed as vector iterations.
 */
import { FIELD_MODULUS, assertField } from '../field/field.ts'
import { identity, matInverse, matMul, matVec, transpose, type FieldMatrix } from './fieldMatrix.ts'
import { poseidonParams } from './poseidonReference.ts'

/** One sparse matrix of a partial round: s'_0 = w . s, s'_i = s_i + v_(i-1) * s_0. */
export interface SparseMatrix {
  /** Row 0: t entries. */
  readonly w: readonly bigint[]
  /** Column 0 below the diagonal: t - 1 entries. */
  readonly v: readonly bigint[]
}

/** The optimised round schedule of one Poseidon width; see the module comment. */
export interface OptimizedPoseidonParams {
  readonly t: number
  readonly fullRounds: number
  readonly partialRounds: number
  /** Constants of the full rounds, `fullRounds` vectors of t (the first after the partial rounds modified). */
  readonly fullConstants: readonly (readonly bigint[])[]
  /** The MDS matrix, for every full round but the last one before the partial rounds. */
  readonly mds: FieldMatrix
  /** The matrix of the last full round before the partial rounds (MDS with the leftover D folded in). */
  readonly preSparse: FieldMatrix
  /** The scalar added to s_0 in each partial round. */
  readonly partialConstants: readonly bigint[]
  /** The sparse matrix of each partial round. */
  readonly sparse: readonly SparseMatrix[]
}

const cache = new Map<number, OptimizedPoseidonParams>()

/**
 * The optimised schedule for state width `t` (2..17), derived once from
 * {@link poseidonParams} and cached.
 *
 * @example
 * ```ts
 * const o = optimizedPoseidonParams(3)
 * o.sparse.length // 57, one per partial round
 * o.sparse[0]!.w.length + o.sparse[0]!.v.length // 5 = 2t - 1 products per partial round
 * ```
 */
export function optimizedPoseidonParams(t: number): OptimizedPoseidonParams {
  let o = cache.get(t)
  if (!o) {
    o = derive(t)
    cache.set(t, o)
  }
  return o
}

/**
 * Splits `a` as `sparseToDense(S) * diag(1, B)`: returns the sparse factor S and the lower
 * block B. Exported to test the identity behind the optimisation.
 *
 * @example
 * ```ts
 * const { sparse, block } = splitSparse(mds)
 * matMul(sparseToDense(sparse), blockDiagonal(block)) // equals mds
 * ```
 */
export function splitSparse(a: FieldMatrix): { sparse: SparseMatrix; block: bigint[][] } {
  const block = a.slice(1).map((row) => row.slice(1))
  const r = a[0]!.slice(1)
  const w = matVec(transpose(matInverse(block)), r)
  return { sparse: { w: [a[0]![0]!, ...w], v: a.slice(1).map((row) => row[0]!) }, block }
}

/**
 * The dense t x t matrix of a sparse partial-round matrix.
 *
 * @example
 * ```ts
 * sparseToDense({ w: [1n, 2n], v: [3n] }) // [[1n, 2n], [3n, 1n]]
 * ```
 */
export function sparseToDense(s: SparseMatrix): bigint[][] {
  const t = s.w.length
  return Array.from({ length: t }, (_, i) =>
    Array.from({ length: t }, (_, j) => (i === 0 ? s.w[j]! : j === 0 ? s.v[i - 1]! : i === j ? 1n : 0n)),
  )
}

/**
 * `diag(1, block)`.
 *
 * @example
 * ```ts
 * blockDiagonal([[5n]]) // [[1n, 0n], [0n, 5n]]
 * ```
 */
export function blockDiagonal(block: FieldMatrix): bigint[][] {
  const t = block.length + 1
  return Array.from({ length: t }, (_, i) =>
    Array.from({ length: t }, (_, j) => (i === 0 || j === 0 ? (i === j ? 1n : 0n) : block[i - 1]![j - 1]!)),
  )
}

function matPow(m: FieldMatrix, e: number): bigint[][] {
  let result = identity(m.length)
  let base = m.map((row) => [...row])
  for (; e > 0; e >>= 1) {
    if (e & 1) result = matMul(result, base)
    base = matMul(base, base)
  }
  return result
}

function derive(t: number): OptimizedPoseidonParams {
  const { fullRounds, partialRounds, roundConstants, mds } = poseidonParams(t)
  const half = fullRounds / 2
  const constantsOf = (round: number): bigint[] => roundConstants.slice(round * t, (round + 1) * t)

  // 1. Scalar partial-round constants, pushed forward through the MDS matrix.
  const fullConstants: bigint[][] = []
  for (let r = 0; r < half; r++) fullConstants.push(constantsOf(r))
  const partialConstants: bigint[] = []
  let pending = constantsOf(half)
  for (let r = 0; r < partialRounds; r++) {
    partialConstants.push(pending[0]!)
    const leftover = matVec(mds, [0n, ...pending.slice(1)])
    pending = constantsOf(half + r + 1).map((c, i) => (c + leftover[i]!) % FIELD_MODULUS)
  }
  fullConstants.push(pending)
  for (let r = half + 1; r < fullRounds; r++) fullConstants.push(constantsOf(partialRounds + r))

  // 2. Sparse matrices, from the last partial round backwards.
  const mHat = mds.slice(1).map((row) => row.slice(1))
  const mHatInvT = transpose(matInverse(mHat))
  const m00 = mds[0]![0]!
  let w = mds[0]!.slice(1)
  let v = mds.slice(1).map((row) => row[0]!)
  const sparse: SparseMatrix[] = []
  for (let k = 0; k < partialRounds; k++) {
    w = matVec(mHatInvT, w)
    sparse.unshift({ w: [m00, ...w], v })
    v = matVec(mHat, v)
  }
  const preSparse = matMul(blockDiagonal(matPow(mHat, partialRounds)), mds)
  return { t, fullRounds, partialRounds, fullConstants, mds, preSparse, partialConstants, sparse }
}

/**
 * Poseidon computed with the optimised schedule in plain BigInt arithmetic: the executable
 * statement (tested equal to `poseidonReference`) of what the WebAssembly kernel computes.
 *
 * @example
 * ```ts
 * poseidonOptimizedReference([1n, 2n]) === poseidonReference([1n, 2n]) // true
 * ```
 */
export function poseidonOptimizedReference(inputs: readonly bigint[]): bigint {
  const t = inputs.length + 1
  const o = optimizedPoseidonParams(t)
  const p = FIELD_MODULUS
  const pow5 = (x: bigint): bigint => {
    const x2 = (x * x) % p
    return (((x2 * x2) % p) * x) % p
  }
  let s = [0n, ...inputs.map((x, i) => assertField(x, `Poseidon input ${i}`))]
  const half = o.fullRounds / 2
  const fullRound = (r: number, m: FieldMatrix): void => {
    s = matVec(
      m,
      s.map((x, i) => pow5((x + o.fullConstants[r]![i]!) % p)),
    )
  }
  for (let r = 0; r < half; r++) fullRound(r, r === half - 1 ? o.preSparse : o.mds)
  for (let r = 0; r < o.partialRounds; r++) {
    const x = pow5((s[0]! + o.partialConstants[r]!) % p)
    const { w, v } = o.sparse[r]!
    let s0 = w[0]! * x
    for (let i = 1; i < t; i++) s0 += w[i]! * s[i]!
    s = [s0 % p, ...s.slice(1).map((si, i) => (si + v[i]! * x) % p)]
  }
  for (let r = half; r < o.fullRounds; r++) fullRound(r, o.mds)
  return s[0]!
}
