/**
 * The hash every other protocol module imports: Poseidon over the BN254 scalar field with
 * circomlib's parameters, computed by the WebAssembly implementation in `poseidon/` (tested
 * against the plain reference and circomlibjs). One import point, so callers never depend
 * on which implementation is behind it.
 *
 * @example
 * ```ts
 * import { poseidon, poseidon2 } from './hash.ts'
 * poseidon([1n, 2n]) === poseidon2(1n, 2n)
 * ```
 */
export { poseidon, poseidon2 } from './poseidon/poseidon.ts'
