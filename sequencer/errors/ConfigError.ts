import { SequencerError } from './SequencerError.ts'

/** One wrong configuration value: the field path and what is wrong with it. */
export interface ConfigIssue {
  /** Dotted path of the field, e.g. `http.port` (and the environment variable it came from, if any). */
  field: string
  message: string
}

/**
 * The configuration cannot be used. Lists every wrong field at once, each with a message that
 * says what was expected and what was given, so that an operator fixes them in one pass.
 *
 * @example
 * ```ts
 * throw new ConfigError([{ field: 'chainId', message: "must be a positive integer, got 'abc'" }])
 * // ConfigError: invalid sequencer configuration:
 * //   chainId: must be a positive integer, got 'abc'
 * ```
 */
export class ConfigError extends SequencerError {
  override name = 'ConfigError'
  readonly issues: readonly ConfigIssue[]
  constructor(issues: readonly ConfigIssue[]) {
    super({
      code: 'INVALID_CONFIG',
      severity: 'critical',
      message: `invalid sequencer configuration:\n${issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`,
    })
    this.issues = issues
  }
}
