/**
 * The hash every other protocol module imports: Poseidon over the BN254 scalar field with
 * circomlib's parameters. One import point, so the implementation behind it (reference or
 * WASM) can change without touching callers.
 *
 * @example
 * ```ts
 * import { poseidon, poseidon2 } from './hash.ts'
 * poseidon([1n, 2n]) === poseidon2(1n, 2n)
 * ```
 */
import { poseidonReference } from './poseidon/poseidonReference.ts'

export const poseidon = (inputs: readonly bigint[]): bigint => poseidonReference(inputs)
export const poseidon2 = (a: bigint, b: bigint): bigint => poseidonReference([a, b])
