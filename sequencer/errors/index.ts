/**
 * Errors of the sequencer: one base ({@link SequencerError}) with a stable code and a severity.
 *
 * @example
 * ```ts
 * import { SequencerError, TxRefusedError } from './errors/index.ts'
 * ```
 */
export * from './SequencerError.ts'
export * from './ConfigError.ts'
export * from './StoreError.ts'
export * from './TxRefusedError.ts'
export * from './UnavailableError.ts'
export * from './RpcError.ts'
export * from './L1Error.ts'
