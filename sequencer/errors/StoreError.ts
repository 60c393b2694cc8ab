import { SequencerError } from './SequencerError.ts'

/** Stable codes of {@link StoreError}. */
export type StoreErrorCode = 'STORE_WRITE_FAILED' | 'STORE_MISMATCH' | 'STORE_CORRUPT' | 'STORE_CLOSED'

/**
 * The durable store failed or does not match this deployment. Always critical: the
 * sequencer's in-memory state may be ahead of the disk, so it must stop and rebuild from
 * the store on restart.
 *
 * @example
 * ```ts
 * throw new StoreError({ code: 'STORE_MISMATCH', message: 'store was created for chain 1, config says 31337' })
 * ```
 */
export class StoreError extends SequencerError {
  override name = 'StoreError'
  declare readonly code: StoreErrorCode
  constructor(params: { code: StoreErrorCode; message: string; cause?: unknown }) {
    super({ ...params, severity: 'critical' })
  }
}
