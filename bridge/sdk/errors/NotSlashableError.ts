import { CounterweightError } from './CounterweightError.ts'

/**
 * A slashing claim was asked for a preconfirmation L1 would not slash for now: it was
 * honoured, is still pending, is invalid, or was reordered in a batch not finalized yet (or
 * with an opening that does not match L1's commitment). `verdict` says which.
 *
 * @example
 * ```ts
 * try { await slashPreconfirmation(wallet, { rollup, check }) } catch (e) {
 *   if (e instanceof NotSlashableError) console.log(e.verdict) // 'honoured'
 * }
 * ```
 */
export class NotSlashableError extends CounterweightError {
  override name = 'NotSlashableError' as const
  declare readonly code: 'NOT_SLASHABLE'
  readonly verdict: string
  constructor(params: { verdict: string; message: string }) {
    super({ code: 'NOT_SLASHABLE', message: params.message, hint: 'check the preconfirmation again later (checkPreconfirmation): a pending one may be missed after its deadline, a reordered one is slashable once its batch is finalized.' })
    this.verdict = params.verdict
  }
}
