/**
 * How bad an error is for the process that meets it, after the OP Stack batcher's model:
 * `temporary` (retry later, nothing is wrong with the node), `refused` (the caller's input is
 * wrong; the node is fine), `data` (L1 holds data that cannot be the rollup's: reported, never
 * applied; the node's errors), `critical` (the process cannot go on safely and must stop; a
 * restart rebuilds it from the store).
 */
export type Severity = 'temporary' | 'refused' | 'data' | 'critical'

/**
 * The one base class of every error the sequencer and the node (`NodeError`) raise. Each subclass has a literal
 * `name` and a stable `code` (a string that other layers map: the RPC turns it into a
 * JSON-RPC error code, the CLI into an exit message) and a {@link Severity}.
 *
 * @example
 * ```ts
 * try { await sequencer.submit({ signed }) } catch (e) {
 *   if (e instanceof SequencerError && e.severity === 'critical') process.exit(1)
 * }
 * ```
 */
export class SequencerError extends Error {
  override name = 'SequencerError'
  readonly code: string
  readonly severity: Severity
  constructor(params: { code: string; message: string; severity: Severity; cause?: unknown }) {
    super(params.message, params.cause === undefined ? undefined : { cause: params.cause })
    this.code = params.code
    this.severity = params.severity
  }
}
