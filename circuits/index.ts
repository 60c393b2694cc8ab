/**
 * The `circuits` module. Its parts arrive with their issues; see the README for the layout.
 *
 * @example
 * ```ts
 * import * as circuits from '../circuits/index.ts'
 * ```
 */
export {}
