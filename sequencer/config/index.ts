/**
 * Configuration: read once, checked with precise messages.
 *
 * @example
 * ```ts
 * import { configFromEnv } from './config/index.ts'
 * const config = configFromEnv(process.env)
 * ```
 */
export * from './SequencerConfig.ts'
export * from './parseConfig.ts'
export * from './configFromEnv.ts'
