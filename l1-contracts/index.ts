/**
 * The `l1-contracts` module. Its parts arrive with their issues; see the README for the layout.
 *
 * @example
 * ```ts
 * import * as l1contracts from '../l1-contracts/index.ts'
 * ```
 */
export {}
