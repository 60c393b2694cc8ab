/**
 * The one base class of every error the SDK throws. Each subclass has a literal `name`, a
 * stable string `code` that scripts may switch on, and a `hint`: one sentence that says what
 * to do next. `message` is the short message followed by the hint.
 *
 * @example
 * ```ts
 * try { await client.transfer({ key, from: 1n, to: 2n, amount: 10n }) } catch (e) {
 *   if (e instanceof CounterweightError) console.error(`${e.code}: ${e.shortMessage}\n${e.hint}`)
 * }
 * ```
 */
export class CounterweightError extends Error {
  override name = 'CounterweightError'
  readonly code: string
  /** What was wrong, without the hint. */
  readonly shortMessage: string
  /** What to do next. */
  readonly hint: string
  constructor(params: { code: string; message: string; hint: string; cause?: unknown }) {
    super(`${params.message}\nNext: ${params.hint}`, params.cause === undefined ? undefined : { cause: params.cause })
    this.code = params.code
    this.shortMessage = params.message
    this.hint = params.hint
  }
}
