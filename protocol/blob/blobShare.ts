import { BLOB_ELEMENTS } from '../constants.ts'
import { OutOfRangeError, ProtocolError } from '../errors.ts'
import { inv, mod } from '../field/field.ts'
import { BLS_MODULUS, blobFactor, blobPoint } from './blsScalar.ts'

/**
 * The barycentric term sum of blob positions `firstPosition ..` holding `elements`, at `z`:
 * `Σ d_j · ω_j / (z - ω_j) mod r` with `ω_j = blobPoint(firstPosition + j)`. For a chunk's DA
 * region this is the chunk's share, which its proof computes from the data it applies.
 * Throws {@link ChallengeInDomainError} when z is one of those points.
 *
 * @example
 * ```ts
 * const share = chunkShare({ elements: chunk.dataElements, firstPosition: chunkFirstElement(params, 0), z })
 * ```
 */
export function chunkShare(params: { elements: readonly bigint[]; firstPosition: number; z: bigint }): bigint {
  const { elements, firstPosition, z } = params
  if (firstPosition < 0 || firstPosition + elements.length > BLOB_ELEMENTS) {
    throw new OutOfRangeError({ what: 'blob region end', value: firstPosition + elements.length, limit: `at most ${BLOB_ELEMENTS}` })
  }
  let sum = 0n
  elements.forEach((d, j) => {
    sum += d * blobTerm({ position: firstPosition + j, z })
  })
  return mod(sum, BLS_MODULUS)
}

/**
 * `ω / (z - ω) mod r` for `ω = blobPoint(position)`: the coefficient of element `position` in
 * the blob's barycentric sum (the circuit takes it as a hint and checks it).
 *
 * @example
 * ```ts
 * blobTerm({ position: 0, z: 0n }) === BLS_MODULUS - 1n
 * ```
 */
export function blobTerm(params: { position: number; z: bigint }): bigint {
  const w = blobPoint(params.position)
  const diff = mod(params.z - w, BLS_MODULUS)
  if (diff === 0n) throw new ChallengeInDomainError(params.position)
  return mod(w * inv(diff, BLS_MODULUS), BLS_MODULUS)
}

/**
 * The blob polynomial's value at `z` (EIP-4844 `evaluate_polynomial_in_evaluation_form`):
 * element `i` of `elements` is its value at `blobPoint(i)`, missing elements are zero. Equals
 * the `y` of c-kzg's `computeKzgProof(blob, z)`.
 *
 * @example
 * ```ts
 * evaluateBlob({ elements: encodeBatchElements({ params, chunks }), z })
 * ```
 */
export function evaluateBlob(params: { elements: readonly bigint[]; z: bigint }): bigint {
  const { elements, z } = params
  if (elements.length > BLOB_ELEMENTS) throw new OutOfRangeError({ what: 'blob elements', value: elements.length, limit: `at most ${BLOB_ELEMENTS}` })
  const zr = mod(z, BLS_MODULUS)
  for (let i = 0; i < BLOB_ELEMENTS; i++) {
    if (blobPoint(i) === zr) return elements[i] ?? 0n
  }
  return mod(blobFactor(zr) * chunkShare({ elements, firstPosition: 0, z: zr }), BLS_MODULUS)
}

/**
 * What the contract checks the blob's value against: `(z^4096 - 1)/4096 · (header / (z - 1) +
 * Σ shares) mod r`, the header element sitting at position 0 (point 1) and each chunk's share
 * covering its own region. Equal to {@link evaluateBlob} of the batch's elements exactly when
 * the shares are right and every position after the last chunk is zero.
 *
 * @example
 * ```ts
 * evaluationFromShares({ header: elements[0], shares, z }) === evaluateBlob({ elements, z })
 * ```
 */
export function evaluationFromShares(params: { header: bigint; shares: readonly bigint[]; z: bigint }): bigint {
  const { header, shares, z } = params
  let sum = mod(header * blobTerm({ position: 0, z }), BLS_MODULUS)
  for (const s of shares) sum = mod(sum + s, BLS_MODULUS)
  return mod(blobFactor(z) * sum, BLS_MODULUS)
}

/**
 * The share as the two public inputs of a chunk proof: its high and low 128 bits.
 *
 * @example
 * ```ts
 * splitShare(1n << 128n) // { hi: 1n, lo: 0n }
 * ```
 */
export function splitShare(share: bigint): { hi: bigint; lo: bigint } {
  if (share < 0n || share >= BLS_MODULUS) throw new OutOfRangeError({ what: 'blob share', value: share, limit: 'below the BLS12-381 scalar modulus' })
  return { hi: share >> 128n, lo: share & ((1n << 128n) - 1n) }
}

/**
 * The challenge point is one of the blob's evaluation points (probability about 2^-228 for a
 * derived challenge); the barycentric formula does not apply and no proof can be made.
 *
 * @example
 * ```ts
 * try { blobTerm({ position: 0, z: 1n }) } catch (e) { (e as ProtocolError).code // 'CHALLENGE_IN_DOMAIN' }
 * ```
 */
export class ChallengeInDomainError extends ProtocolError {
  override name = 'ChallengeInDomainError'
  constructor(position: number) {
    super('CHALLENGE_IN_DOMAIN', `the challenge is the evaluation point of blob position ${position}`)
  }
}
