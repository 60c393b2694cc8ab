import { CounterweightError } from './CounterweightError.ts'

/**
 * The sequencer could not answer now: it is stopping or stopped (`UNAVAILABLE`, JSON-RPC
 * -32002), a limit was hit (`LIMIT_EXCEEDED`, -32005: rate limit or batch length), or it
 * could not be reached (`UNREACHABLE`). Temporary: resending the same signed transaction is
 * safe, an accepted one answers with its preconfirmation again.
 *
 * @example
 * ```ts
 * try { await client.sendL2Transaction({ signed }) } catch (e) {
 *   if (e instanceof SequencerUnavailableError) setTimeout(retry, 2000)
 * }
 * ```
 */
export class SequencerUnavailableError extends CounterweightError {
  override name = 'SequencerUnavailableError' as const
  declare readonly code: 'UNAVAILABLE' | 'LIMIT_EXCEEDED' | 'UNREACHABLE'
  readonly rpcCode: number | undefined
  constructor(params: { code: 'UNAVAILABLE' | 'LIMIT_EXCEEDED' | 'UNREACHABLE'; rpcCode?: number; message: string; cause?: unknown }) {
    const hint =
      params.code === 'LIMIT_EXCEEDED'
        ? 'slow down: wait a second and retry (the sequencer limits calls per client and calls per batch).'
        : params.code === 'UNREACHABLE'
          ? 'check the sequencer URL and that it is running, then retry; resending a signed transaction is safe.'
          : 'retry in a few seconds; resending the same signed transaction is safe and returns its preconfirmation.'
    super({ code: params.code, message: params.message, hint, cause: params.cause })
    this.rpcCode = params.rpcCode
  }
}
