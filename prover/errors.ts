/** Stable codes of {@link ProverError}. */
export type ProverErrorCode =
  | 'PROOF_FAILED'
  | 'PROOF_INVALID'
  | 'PUBLIC_INPUTS_MISMATCH'
  | 'WORKER_DIED'
  | 'INVALID_CONFIG'
  | 'CHUNK_MISMATCH'
  | 'TAKEOVER_REFUSED'
  | 'TX_REVERTED'

/**
 * Base class of the prover's errors; `code` is stable.
 *
 * @example
 * ```ts
 * if (e instanceof ProverError && e.code === 'PROOF_FAILED') retryLater()
 * ```
 */
export class ProverError extends Error {
  override name = 'ProverError'
  constructor(
    readonly code: ProverErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** One wrong configuration value: the environment variable (or field) and what is wrong. */
export interface ProverConfigIssue {
  field: string
  message: string
}

/**
 * The prover's configuration cannot be used; lists every wrong variable at once.
 *
 * @example
 * ```ts
 * throw new ProverConfigError([{ field: 'CW_L1_RPC_URL', message: 'is required' }])
 * ```
 */
export class ProverConfigError extends ProverError {
  override name = 'ProverConfigError'
  readonly issues: readonly ProverConfigIssue[]
  constructor(issues: readonly ProverConfigIssue[]) {
    super('INVALID_CONFIG', `invalid prover configuration:\n${issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`)
    this.issues = issues
  }
}

/**
 * A chunk rebuilt from L1 data does not have the public inputs L1 recorded for it (the
 * sequencer numbered transactions otherwise, or the data is not what was committed): it cannot
 * be proven.
 *
 * @example
 * ```ts
 * throw new ChunkMismatchError({ batch: 3n, chunk: 1, message: 'public input 5 differs' })
 * ```
 */
export class ChunkMismatchError extends ProverError {
  override name = 'ChunkMismatchError'
  readonly batch: bigint
  readonly chunk: number
  constructor(params: { batch: bigint; chunk: number; message: string }) {
    super('CHUNK_MISMATCH', `batch ${params.batch} chunk ${params.chunk}: ${params.message}`)
    this.batch = params.batch
    this.chunk = params.chunk
  }
}

/** Why a take-over cannot go on now (see `takeOver`). */
export type TakeOverRefusal = 'NOT_OVERDUE' | 'ESCAPE_MODE' | 'PENDING_BATCH' | 'NODE_BEHIND' | 'STATE_MISMATCH' | 'NOTHING_TO_CONSUME'

/**
 * A take-over was refused before any transaction that could fail was sent; `reason` says why.
 *
 * @example
 * ```ts
 * try { await takeOver(params) } catch (e) { if (e instanceof TakeOverError && e.reason === 'NOT_OVERDUE') waitAndRetry() }
 * ```
 */
export class TakeOverError extends ProverError {
  override name = 'TakeOverError'
  readonly reason: TakeOverRefusal
  constructor(params: { reason: TakeOverRefusal; message: string }) {
    super('TAKEOVER_REFUSED', params.message)
    this.reason = params.reason
  }
}

/**
 * An L1 transaction the prover sent was included but reverted.
 *
 * @example
 * ```ts
 * throw new TxRevertedError({ what: 'commitAndProve', transactionHash: receipt.transactionHash })
 * ```
 */
export class TxRevertedError extends ProverError {
  override name = 'TxRevertedError'
  readonly transactionHash: string
  constructor(params: { what: string; transactionHash: string }) {
    super('TX_REVERTED', `${params.what} reverted in ${params.transactionHash}`)
    this.transactionHash = params.transactionHash
  }
}
