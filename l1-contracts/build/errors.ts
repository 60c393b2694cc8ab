/**
 * Errors of the L1 toolchain (compile, forge, Poseidon code generation). Every error is an
 * {@link L1ContractsError} with a stable `code`; match on `code` (or `instanceof`), never on
 * the message.
 *
 * @example
 * ```ts
 * try {
 *   await compileContracts({})
 * } catch (e) {
 *   if (e instanceof L1ContractsError && e.code === 'COMPILE_FAILED') console.error(e.message)
 * }
 * ```
 */
export class L1ContractsError extends Error {
  /** Stable machine-readable code. */
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = 'L1ContractsError'
  }
}

/**
 * Solidity compilation failed; `message` holds solc's formatted errors, `errors` the raw
 * standard-JSON error objects.
 *
 * @example
 * ```ts
 * throw new CompileError({ errors: [{ severity: 'error', formattedMessage: 'ParserError: ...' }] })
 * ```
 */
export class CompileError extends L1ContractsError {
  override readonly name = 'CompileError'
  readonly errors: readonly SolcDiagnostic[]
  constructor(params: { errors: readonly SolcDiagnostic[]; context?: string }) {
    const shown = params.errors.filter((e) => e.severity === 'error')
    const text = (shown.length > 0 ? shown : params.errors).map((e) => e.formattedMessage ?? e.message ?? JSON.stringify(e)).join('\n')
    super('COMPILE_FAILED', `Solidity compilation failed${params.context ? ` (${params.context})` : ''}:\n${text}`)
    this.errors = params.errors
  }
}

/**
 * One entry of solc's standard-JSON `errors` array.
 *
 * @example
 * ```ts
 * const d: SolcDiagnostic = { severity: 'error', formattedMessage: 'ParserError: Expected expression' }
 * ```
 */
export interface SolcDiagnostic {
  severity: 'error' | 'warning' | 'info' | string
  type?: string
  message?: string
  formattedMessage?: string
  sourceLocation?: { file: string; start: number; end: number }
}

/**
 * A contract artifact was asked for by a name that the build did not produce.
 *
 * @example
 * ```ts
 * throw new ContractNotFoundError({ name: 'Rollup', available: ['PoseidonT3'] })
 * ```
 */
export class ContractNotFoundError extends L1ContractsError {
  override readonly name = 'ContractNotFoundError'
  constructor(params: { name: string; available: readonly string[] }) {
    super('CONTRACT_NOT_FOUND', `no compiled contract named ${params.name}; the build has: ${params.available.join(', ') || '(nothing; run compileContracts first)'}`)
  }
}

/**
 * The Poseidon EVM code generator was asked for something it cannot produce (a width it
 * does not support, code that does not fit the size limit, a stack deeper than DUP16).
 *
 * @example
 * ```ts
 * throw new PoseidonCodegenError('stack too deep: s3 at depth 17')
 * ```
 */
export class PoseidonCodegenError extends L1ContractsError {
  override readonly name = 'PoseidonCodegenError'
  constructor(message: string) {
    super('POSEIDON_CODEGEN', message)
  }
}

/**
 * `forge test` failed to run or reported failing tests; `output` holds what forge printed.
 *
 * @example
 * ```ts
 * throw new ForgeError({ message: '2 forge tests failed', output: stdout })
 * ```
 */
export class ForgeError extends L1ContractsError {
  override readonly name = 'ForgeError'
  readonly output: string
  constructor(params: { message: string; output: string }) {
    super('FORGE_FAILED', `${params.message}\n${params.output}`)
    this.output = params.output
  }
}
