/**
 * The `sequencer` module. Its parts arrive with their issues; see the README for the layout.
 *
 * @example
 * ```ts
 * import * as sequencer from '../sequencer/index.ts'
 * ```
 */
export {}
