/**
 * The `prover` module. Its parts arrive with their issues; see the README for the layout.
 *
 * @example
 * ```ts
 * import * as prover from '../prover/index.ts'
 * ```
 */
export {}
