import { SequencerError } from './SequencerError.ts'

/**
 * The sequencer cannot answer now: it is starting, stopping, or stopped after a critical
 * failure, or a wait timed out. Temporary for the caller: resending the same signed
 * transaction later is safe (it is idempotent: an accepted transaction answers with its
 * preconfirmation again).
 *
 * @example
 * ```ts
 * throw new UnavailableError('the sequencer is stopping')
 * ```
 */
export class UnavailableError extends SequencerError {
  override name = 'UnavailableError'
  /**
   * `code` is `UNAVAILABLE`, or `BOND_TOO_LOW` while the sequencer's bond on L1 cannot back
   * new preconfirmations (`BondGuard`); JSON-RPC -32002 with `data.reason` = the code.
   */
  constructor(message: string, cause?: unknown, code: 'UNAVAILABLE' | 'BOND_TOO_LOW' = 'UNAVAILABLE') {
    super({ code, message, severity: 'temporary', cause })
  }
}
