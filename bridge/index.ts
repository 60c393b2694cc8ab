/**
 * The `bridge` module. Its parts arrive with their issues; see the README for the layout.
 *
 * @example
 * ```ts
 * import * as bridge from '../bridge/index.ts'
 * ```
 */
export {}
