import { CounterweightError } from './CounterweightError.ts'

/**
 * An action needs a parameter or a client that was not given (e.g. an L1 wallet client for
 * a deposit, or the sequencer address to check preconfirmations against).
 *
 * @example
 * ```ts
 * throw new MissingParameterError({ parameter: 'l1', action: 'depositEth', hint: 'pass `l1: walletClient` to counterweightActions' })
 * ```
 */
export class MissingParameterError extends CounterweightError {
  override name = 'MissingParameterError' as const
  declare readonly code: 'MISSING_PARAMETER'
  readonly parameter: string
  constructor(params: { parameter: string; action: string; hint: string }) {
    super({ code: 'MISSING_PARAMETER', message: `${params.action} needs \`${params.parameter}\``, hint: params.hint })
    this.parameter = params.parameter
  }
}
