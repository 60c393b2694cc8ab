import { FIELD_MODULUS, inv, mod } from '../field/field.ts'

/** Full rounds of every circomlib Poseidon width. */
export const POSEIDON_FULL_ROUNDS = 8

/**
 * Partial rounds of circomlib's Poseidon by state width `t` (index `t - 2`, so t = 2..17,
 * 1 to 16 inputs): the recommended numbers of the Poseidon paper, rounded up.
 */
export const POSEIDON_PARTIAL_ROUNDS = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68] as const

/** The round constants and MDS matrix of one Poseidon width. */
export interface PoseidonParams {
  /** State width (inputs + 1). */
  t: number
  fullRounds: number
  partialRounds: number
  /** `(fullRounds + partialRounds) * t` round constants, round-major. */
  roundConstants: bigint[]
  /** MDS matrix: new state `s'_i = sum_j mds[i][j] * s_j`. */
  mds: bigint[][]
}

/**
 * The Grain LFSR of the Poseidon paper (appendix F), seeded with the instance description:
 * field type 1 (prime), S-box 0 (x^alpha), field size 254, width t, rounds R_F and R_P.
 * It drops 160 bits, then yields a bit for every pair whose first bit is 1.
 */
class Grain {
  private readonly bits: Uint8Array
  private pos = 0
  constructor(t: number, fullRounds: number, partialRounds: number) {
    const init: number[] = []
    const push = (value: number, width: number): void => {
      for (let i = width - 1; i >= 0; i--) init.push((value >> i) & 1)
    }
    push(1, 2)
    push(0, 4)
    push(254, 12)
    push(t, 12)
    push(fullRounds, 10)
    push(partialRounds, 10)
    for (let i = 0; i < 30; i++) init.push(1)
    // A ring of 80 bits: position `pos` is the oldest bit.
    this.bits = Uint8Array.from(init)
    for (let i = 0; i < 160; i++) this.step()
  }
  private step(): number {
    const b = this.bits
    const at = (k: number): number => b[(this.pos + k) % 80]!
    const next = at(62) ^ at(51) ^ at(38) ^ at(23) ^ at(13) ^ at(0)
    b[this.pos] = next
    this.pos = (this.pos + 1) % 80
    return next
  }
  bit(): number {
    for (;;) {
      const keep = this.step()
      const value = this.step()
      if (keep === 1) return value
    }
  }
  /** `n` bits, most significant first. */
  bigint(n: number): bigint {
    let v = 0n
    for (let i = 0; i < n; i++) v = (v << 1n) | BigInt(this.bit())
    return v
  }
}

/**
 * Generates circomlib's Poseidon parameters for state width `t` (2..17) from the Grain LFSR,
 * exactly as the Poseidon reference script does: round constants by rejection sampling
 * below the modulus, then a Cauchy MDS matrix `1 / (x_i + y_j)` from 2t further draws.
 * Tests check the result against circomlibjs for every width.
 *
 * @example
 * ```ts
 * const params = generatePoseidonParams(3) // Poseidon with 2 inputs
 * params.roundConstants.length // (8 + 57) * 3
 * ```
 */
export function generatePoseidonParams(t: number): PoseidonParams {
  const partialRounds = POSEIDON_PARTIAL_ROUNDS[t - 2]
  if (partialRounds === undefined) throw new RangeError(`Poseidon width t=${t} is not supported (2..17)`)
  const fullRounds = POSEIDON_FULL_ROUNDS
  const grain = new Grain(t, fullRounds, partialRounds)
  const roundConstants: bigint[] = []
  for (let i = 0; i < (fullRounds + partialRounds) * t; i++) {
    let c = grain.bigint(254)
    while (c >= FIELD_MODULUS) c = grain.bigint(254)
    roundConstants.push(c)
  }
  for (;;) {
    const draws = Array.from({ length: 2 * t }, () => mod(grain.bigint(254)))
    if (new Set(draws).size !== draws.length) continue
    const xs = draws.slice(0, t)
    const ys = draws.slice(t)
    if (xs.some((x) => ys.some((y) => mod(x + y) === 0n))) continue
    const mds = xs.map((x) => ys.map((y) => inv(x + y)))
    return { t, fullRounds, partialRounds, roundConstants, mds }
  }
}
