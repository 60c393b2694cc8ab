import { FIELD_MODULUS, inv, poseidonParams } from '../../protocol/index.ts'
import { PoseidonCodegenError } from '../build/errors.ts'
import { fieldMatrix } from './fieldMatrix.ts'

const P = FIELD_MODULUS

/**
 * A full round: `s = matrix * (s + constants)^5`.
 *
 * @example
 * ```ts
 * const step: FullRoundStep = poseidonEvmSchedule({ inputs: 2 }).first[0]!
 * step.matrix[0]![1] // 1n (the scaled column)
 * ```
 */
export interface FullRoundStep {
  readonly constants: readonly bigint[]
  readonly matrix: readonly (readonly bigint[])[]
}

/**
 * A partial round on the scaled state: `u = s0 + constant; x = u^5;
 * s_j += v[j-1] * x (j >= 1); s0 = xCoefficient * x + sum_j w[j-1] * s_j` (with the new s_j).
 *
 * @example
 * ```ts
 * const step: PartialRoundStep = poseidonEvmSchedule({ inputs: 2 }).partial[0]!
 * step.w.length // 2
 * ```
 */
export interface PartialRoundStep {
  readonly constant: bigint
  readonly xCoefficient: bigint
  readonly w: readonly bigint[]
  readonly v: readonly bigint[]
}

/**
 * The round schedule the EVM code computes for one Poseidon width; see {@link poseidonEvmSchedule}.
 *
 * @example
 * ```ts
 * const s: PoseidonEvmSchedule = poseidonEvmSchedule({ inputs: 4 })
 * s.t // 5
 * ```
 */
export interface PoseidonEvmSchedule {
  /** Number of inputs (the state width t is inputs + 1). */
  readonly inputs: number
  readonly t: number
  /** The first half of the full rounds; the last of them carries the folded sparse factor. */
  readonly first: readonly FullRoundStep[]
  readonly partial: readonly PartialRoundStep[]
  /** The second half of the full rounds. */
  readonly last: readonly FullRoundStep[]
}

const cache = new Map<number, PoseidonEvmSchedule>()

/**
 * The round schedule of circomlib's Poseidon with `inputs` inputs as the EVM code runs it,
 * derived with field linear algebra from the plain parameters (`poseidonParams(t)` of
 * `protocol/`, the Grain LFSR constants and Cauchy MDS matrix):
 *
 * 1. Constants of the partial rounds are pushed forward through the MDS matrix, so that each
 *    partial round adds one scalar to s0 only.
 * 2. The MDS matrix of every partial round is factored, from the last round backwards, as a
 *    sparse matrix times `diag(1, B)` (B = M̂^k), the diagonal part moving into the previous
 *    round; the leftover is folded into the last full round of the first half. A partial
 *    round then costs 2(t - 1) products instead of t².
 * 3. The code works on a scaled state (stored = real / scale, one scale per element and
 *    round boundary). Full rounds choose their output scales so that one column of their
 *    matrix is all ones (t products become additions). Partial rounds rescale s0 every round
 *    so that the S-box output enters the new s0 with coefficient 1 (one product saved per
 *    round); the new s0 is written over the updated s_j, where that coefficient is
 *    `kappa_r = w0 - w·v`, the determinant of the sparse matrix, never 0. The last round's
 *    output is unscaled, so the hash comes out as is.
 *
 * `evaluatePoseidonEvmSchedule` runs the schedule with BigInts; tests check it equals
 * `poseidon` of `protocol/`, and the generated EVM code follows it step for step.
 *
 * @example
 * ```ts
 * const s = poseidonEvmSchedule({ inputs: 2 })
 * s.partial.length // 57
 * s.partial[0]!.xCoefficient // 1n
 * ```
 */
export function poseidonEvmSchedule(params: { inputs: number }): PoseidonEvmSchedule {
  const { inputs } = params
  if (!Number.isInteger(inputs) || inputs < 1 || inputs > 16) throw new PoseidonCodegenError(`Poseidon takes 1 to 16 inputs, not ${inputs}`)
  let s = cache.get(inputs)
  if (!s) {
    s = derive(inputs)
    cache.set(inputs, s)
  }
  return s
}

function derive(inputs: number): PoseidonEvmSchedule {
  const t = inputs + 1
  const { fullRounds, partialRounds, roundConstants, mds } = poseidonParams(t)
  const half = fullRounds / 2
  const rc = (round: number): bigint[] => roundConstants.slice(round * t, (round + 1) * t)

  // 1. Push the partial-round constants forward.
  const partialConstants: bigint[] = []
  let pending = rc(half)
  for (let r = 0; r < partialRounds; r++) {
    partialConstants.push(pending[0]!)
    const leftover = fieldMatrix.vec(mds, [0n, ...pending.slice(1)])
    pending = rc(half + r + 1).map((c, i) => (c + leftover[i]!) % P)
  }
  const lastConstants = [pending]
  for (let r = half + 1; r < fullRounds; r++) lastConstants.push(rc(partialRounds + r))

  // 2. Sparse factors, from the last partial round backwards: w_k = (M̂^-T)^(k+1) r, v_k = M̂^k c.
  const mHat = mds.slice(1).map((row) => row.slice(1))
  const mHatInvT = fieldMatrix.transpose(fieldMatrix.inverse(mHat))
  const m00 = mds[0]![0]!
  let w = mds[0]!.slice(1)
  let v = mds.slice(1).map((row) => row[0]!)
  const sparse: { w: bigint[]; v: bigint[] }[] = []
  for (let k = 0; k < partialRounds; k++) {
    w = fieldMatrix.vec(mHatInvT, w)
    sparse.unshift({ w, v })
    v = fieldMatrix.vec(mHat, v)
  }
  const block = fieldMatrix.pow(mHat, partialRounds)
  const preSparse = mds.map((_, i) => mds[0]!.map((_, j) => (i === 0 ? mds[0]![j]! : block[i - 1]!.reduce((acc, b, k) => acc + b * mds[k + 1]![j]!, 0n) % P)))

  // 3. Scaled state: stored = real / scale, per element and round boundary. A full round with
  // input scales sigma and output scales tau uses M̂_ij = M_ij sigma_j^5 / tau_i and constants
  // c_i / sigma_i; tau is chosen so that one column of M̂ is all ones (that product becomes an
  // addition). Partial rounds keep the scales of s_1..s_(t-1) and rescale s0 each round so the
  // S-box output enters the new s0 with coefficient 1. The last round's output is unscaled.
  const pow5 = (x: bigint): bigint => {
    const x2 = (x * x) % P
    return (((x2 * x2) % P) * x) % P
  }
  const scaleFull = (params: { matrix: readonly (readonly bigint[])[]; constants: readonly bigint[]; sigma: readonly bigint[]; column: number | undefined }): { step: FullRoundStep; tau: bigint[] } => {
    const { matrix, constants, sigma, column } = params
    const s5 = sigma.map(pow5)
    const tau = matrix.map((row) => (column === undefined ? 1n : (row[column]! * s5[column]!) % P))
    const tauInv = tau.map((x) => inv(x))
    return {
      step: {
        constants: constants.map((c, i) => (c * inv(sigma[i]!)) % P),
        matrix: matrix.map((row, i) => row.map((m, j) => (((m * s5[j]!) % P) * tauInv[i]!) % P)),
      },
      tau,
    }
  }
  let sigma: bigint[] = new Array<bigint>(t).fill(1n)
  const first: FullRoundStep[] = []
  for (let r = 0; r < half; r++) {
    // Round 0's lane 0 holds the known 0, so its ones go in column 1.
    const { step, tau } = scaleFull({ matrix: r === half - 1 ? preSparse : mds, constants: rc(r), sigma, column: r === 0 ? 1 : 0 })
    first.push(step)
    sigma = tau
  }
  const partial: PartialRoundStep[] = []
  let alpha = sigma[0]!
  const sigmaRest = sigma.slice(1)
  const sigmaRestInv = sigmaRest.map((x) => inv(x))
  for (let r = 0; r < partialRounds; r++) {
    const { w: wr, v: vr } = sparse[r]!
    const a5 = pow5(alpha)
    const kappa = ((m00 - wr.reduce((acc, wj, j) => acc + wj * vr[j]!, 0n)) % P + P) % P
    if (kappa === 0n) throw new PoseidonCodegenError('singular sparse factor (kappa = 0)')
    const next = (a5 * kappa) % P
    const nextInv = inv(next)
    partial.push({
      constant: (partialConstants[r]! * inv(alpha)) % P,
      xCoefficient: 1n,
      w: wr.map((x, j) => (((x * sigmaRest[j]!) % P) * nextInv) % P),
      v: vr.map((x, j) => (((x * a5) % P) * sigmaRestInv[j]!) % P),
    })
    alpha = next
  }
  sigma = [alpha, ...sigmaRest]
  const last: FullRoundStep[] = []
  for (let r = 0; r < lastConstants.length; r++) {
    const final = r === lastConstants.length - 1
    const { step, tau } = scaleFull({ matrix: mds, constants: lastConstants[r]!, sigma, column: final ? undefined : 0 })
    last.push(step)
    sigma = tau
  }
  return { inputs, t, first, partial, last }
}

/**
 * Runs a {@link PoseidonEvmSchedule} with BigInt arithmetic: the executable statement of
 * what the generated EVM code computes, tested equal to `poseidon` of `protocol/`.
 *
 * @example
 * ```ts
 * const schedule = poseidonEvmSchedule({ inputs: 2 })
 * evaluatePoseidonEvmSchedule({ schedule, inputs: [1n, 2n] }) === poseidon([1n, 2n]) // true
 * ```
 */
export function evaluatePoseidonEvmSchedule(params: { schedule: PoseidonEvmSchedule; inputs: readonly bigint[] }): bigint {
  const { schedule, inputs } = params
  if (inputs.length !== schedule.inputs) throw new PoseidonCodegenError(`expected ${schedule.inputs} inputs, got ${inputs.length}`)
  const pow5 = (x: bigint): bigint => {
    const x2 = (x * x) % P
    return (((x2 * x2) % P) * x) % P
  }
  let s = [0n, ...inputs]
  const full = (step: FullRoundStep): void => {
    s = fieldMatrix.vec(
      step.matrix,
      s.map((x, i) => pow5(x + step.constants[i]!)),
    )
  }
  schedule.first.forEach(full)
  for (const step of schedule.partial) {
    const x = pow5(s[0]! + step.constant)
    const rest = s.slice(1).map((sj, j) => (sj + step.v[j]! * x) % P)
    s = [rest.reduce((acc, sj, j) => acc + step.w[j]! * sj, step.xCoefficient * x) % P, ...rest]
  }
  schedule.last.forEach(full)
  return s[0]!
}
