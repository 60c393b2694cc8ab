import { CounterweightError } from './CounterweightError.ts'

/**
 * A preconfirmation the sequencer answered does not hold: its EIP-712 signature is not the
 * expected sequencer's, or it names another transaction, chain or rollup than the one sent.
 * Do not rely on it.
 *
 * @example
 * ```ts
 * try { await client.transfer({ key, from: 1n, to: 2n, amount: 10n }) } catch (e) {
 *   if (e instanceof InvalidPreconfirmationError) console.error(e.preconfirmation)
 * }
 * ```
 */
export class InvalidPreconfirmationError extends CounterweightError {
  override name = 'InvalidPreconfirmationError' as const
  declare readonly code: 'BAD_PRECONFIRMATION_SIGNATURE' | 'PRECONFIRMATION_MISMATCH'
  readonly preconfirmation: unknown
  constructor(params: { code: 'BAD_PRECONFIRMATION_SIGNATURE' | 'PRECONFIRMATION_MISMATCH'; message: string; preconfirmation: unknown }) {
    super({
      code: params.code,
      message: params.message,
      hint:
        params.code === 'BAD_PRECONFIRMATION_SIGNATURE'
          ? 'do not rely on this preconfirmation: check `sequencerAddress` (default: the rollup contract\'s sequencer()) and that the URL is the real sequencer; keep it as evidence.'
          : 'do not rely on this preconfirmation: the endpoint answered for another transaction or deployment; check the URL, `chainId` and `rollup`.',
    })
    this.preconfirmation = params.preconfirmation
  }
}
