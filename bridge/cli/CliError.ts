/**
 * Exit codes of the `counterweight` CLI: scripts can tell a usage mistake from a failure
 * of the network or of the stack.
 *
 * @example
 * ```ts
 * process.exit(EXIT.USAGE)
 * ```
 */
export const EXIT = {
  OK: 0,
  /** Something failed that is not one of the cases below. */
  FAILED: 1,
  /** Bad command line: unknown command or option, missing or malformed value. */
  USAGE: 2,
  /** Bad configuration (environment, files). */
  CONFIG: 3,
  /** A service (L1, sequencer, node) could not be reached or answered with an error. */
  UNAVAILABLE: 4,
  /** Interrupted by the user (Ctrl-C). */
  INTERRUPTED: 130,
} as const

/**
 * A failure the CLI reports in one line with what to do next, and exits with `exitCode`.
 *
 * @example
 * ```ts
 * throw new CliError({ code: 'USAGE', message: 'unknown command "depsit"', hint: 'run `counterweight help`', exitCode: EXIT.USAGE })
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError'
  readonly code: string
  readonly hint: string | undefined
  readonly exitCode: number
  constructor(params: { code: string; message: string; hint?: string; exitCode?: number; cause?: unknown }) {
    super(params.message, params.cause === undefined ? undefined : { cause: params.cause })
    this.code = params.code
    this.hint = params.hint
    this.exitCode = params.exitCode ?? EXIT.FAILED
  }
}

/**
 * A command-line mistake (exit code 2).
 *
 * @example
 * ```ts
 * throw usageError({ message: '--amount is required', hint: 'e.g. --amount 0.5 (ETH)' })
 * ```
 */
export function usageError(params: { message: string; hint?: string }): CliError {
  return new CliError({ code: 'USAGE', exitCode: EXIT.USAGE, hint: params.hint ?? 'run `counterweight help` for the commands and their options', message: params.message })
}
