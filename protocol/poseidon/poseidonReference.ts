import { FIELD_MODULUS, assertField } from '../field/field.ts'
import { generatePoseidonParams, type PoseidonParams } from './grain.ts'

const paramsCache = new Map<number, PoseidonParams>()

/**
 * circomlib's Poseidon parameters for state width `t`, generated once and cached.
 *
 * @example
 * ```ts
 * poseidonParams(3).partialRounds // 57
 * ```
 */
export function poseidonParams(t: number): PoseidonParams {
  let p = paramsCache.get(t)
  if (!p) {
    p = generatePoseidonParams(t)
    paramsCache.set(t, p)
  }
  return p
}

/**
 * The plain, unoptimised Poseidon permutation of circomlib, written straight from the
 * paper with BigInt arithmetic: the readable definition that the fast implementation
 * ({@link poseidon}) is tested against. Hashes 1 to 16 field elements to one.
 *
 * @example
 * ```ts
 * poseidonReference([1n, 2n]) // 7853200120776062878684798364095072458815029376092732009249414926327459813530n
 * ```
 */
export function poseidonReference(inputs: readonly bigint[]): bigint {
  const t = inputs.length + 1
  const { fullRounds, partialRounds, roundConstants, mds } = poseidonParams(t)
  const p = FIELD_MODULUS
  let state = [0n, ...inputs.map((x, i) => assertField(x, `Poseidon input ${i}`))]
  const rounds = fullRounds + partialRounds
  for (let r = 0; r < rounds; r++) {
    state = state.map((x, i) => (x + roundConstants[r * t + i]!) % p)
    const full = r < fullRounds / 2 || r >= fullRounds / 2 + partialRounds
    state = state.map((x, i) => (full || i === 0 ? pow5(x) : x))
    state = mds.map((row) => row.reduce((acc, m, j) => acc + m * state[j]!, 0n) % p)
  }
  return state[0]!
}

function pow5(x: bigint): bigint {
  const p = FIELD_MODULUS
  const x2 = (x * x) % p
  return (((x2 * x2) % p) * x) % p
}
