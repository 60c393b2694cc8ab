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
  constructor(readonly code: 'PROOF_FAILED' | 'PROOF_INVALID' | 'PUBLIC_INPUTS_MISMATCH' | 'WORKER_DIED', message: string) {
    super(message)
  }
}
