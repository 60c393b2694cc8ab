import { CounterweightError } from './CounterweightError.ts'

/**
 * A wait ended before what it waited for happened; `last` is the last status seen.
 *
 * @example
 * ```ts
 * try { await client.waitForWithdrawal({ ref, until: 'finalized', timeoutMs: 60_000 }) } catch (e) {
 *   if (e instanceof WaitTimeoutError) console.log(e.last)
 * }
 * ```
 */
export class WaitTimeoutError extends CounterweightError {
  override name = 'WaitTimeoutError' as const
  declare readonly code: 'WAIT_TIMEOUT'
  readonly last: unknown
  constructor(params: { what: string; timeoutMs: number; last: unknown }) {
    super({
      code: 'WAIT_TIMEOUT',
      message: `${params.what} did not happen within ${params.timeoutMs} ms`,
      hint: 'wait longer (`timeoutMs`), and check the status: a batch may be waiting for its proof, or an entry may be overdue (then anyone may commit it, and later escape mode opens).',
    })
    this.last = params.last
  }
}
