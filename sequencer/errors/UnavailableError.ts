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
  constructor(message: string, cause?: unknown) {
    super({ code: 'UNAVAILABLE', message, severity: 'temporary', cause })
  }
}
