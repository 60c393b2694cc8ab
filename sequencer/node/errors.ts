import { SequencerError } from '../errors/index.ts'

/**
 * How bad a node error is, in the spirit of the OP Stack's error severities:
 * - `temporary`: an endpoint failed or data is not there yet; the node retries later and
 *   loses nothing (a failing RPC, a blob not yet served).
 * - `data`: L1 holds data that cannot be the rollup's (a garbage or truncated blob, a chunk
 *   that does not replay to its claims). The batch is reported and never applied.
 * - `critical`: the node cannot go on without an operator (a store of another deployment,
 *   L1 events that contradict each other, a finalized batch the node cannot rebuild).
 */
export type NodeErrorSeverity = 'temporary' | 'data' | 'critical'

/**
 * The base class of the node's errors, itself a `SequencerError` (one base for the sequencer
 * folder). Each subclass has a stable literal `code` that the
 * RPC server, the CLI and the logs use, and a {@link NodeErrorSeverity}.
 *
 * @example
 * ```ts
 * try { await node.sync() } catch (e) { if (e instanceof NodeError && e.severity === 'temporary') retryLater() }
 * ```
 */
export class NodeError extends SequencerError {
  override name = 'NodeError'
  declare readonly severity: NodeErrorSeverity
  constructor(params: { code: string; severity: NodeErrorSeverity; message: string; cause?: unknown }) {
    super(params)
  }
}

/**
 * An operation still failed after every retry; `cause` is the last failure.
 *
 * @example
 * ```ts
 * throw new RetryExhaustedError({ what: 'eth_getLogs 100..199', attempts: 8, cause: lastError })
 * ```
 */
export class RetryExhaustedError extends NodeError {
  override name = 'RetryExhaustedError'
  readonly attempts: number
  constructor(params: { what: string; attempts: number; cause: unknown }) {
    super({ code: 'RETRY_EXHAUSTED', severity: 'temporary', message: `${params.what} failed ${params.attempts} times: ${describe(params.cause)}`, cause: params.cause })
    this.attempts = params.attempts
  }
}

/**
 * A blob source answered, but not with a usable blob: an HTTP or JSON-RPC error, a malformed
 * answer, or a blob whose KZG commitment does not hash to the versioned hash asked for.
 *
 * @example
 * ```ts
 * throw new BlobSourceError({ source: 'beacon', message: 'HTTP 503' })
 * ```
 */
export class BlobSourceError extends NodeError {
  override name = 'BlobSourceError'
  constructor(params: { source: string; message: string; cause?: unknown }) {
    super({ code: 'BLOB_SOURCE_FAILED', severity: 'temporary', message: `blob source ${params.source}: ${params.message}`, cause: params.cause })
  }
}

/**
 * An L1 read failed (after its retries) or answered something malformed.
 *
 * @example
 * ```ts
 * throw new L1ReadError({ message: 'block 12 has no timestamp' })
 * ```
 */
export class L1ReadError extends NodeError {
  override name = 'L1ReadError'
  constructor(params: { message: string; cause?: unknown }) {
    super({ code: 'L1_READ_FAILED', severity: 'temporary', message: params.message, cause: params.cause })
  }
}

/**
 * Why a committed batch cannot be applied. Stable strings, stored with the report.
 * - `DATA_NOT_FOUND`: no source has the blob (or the calldata) behind the commitment.
 * - `DECODE_ERROR`: the data is garbage or truncated (`protocol`'s `DecodeError`).
 * - `CHUNK_COUNT_MISMATCH`: the data holds another number of chunks than the commitment.
 * - `INVALID_CHUNK`: a chunk holds a transaction that cannot apply (`InvalidChunkError`).
 * - `CLAIM_MISMATCH`: a chunk replays, but not to what L1 recorded for it (a root, the queue
 *   hash, the exit root, the data commitment, the domain).
 * - `QUEUE_MISMATCH`: the batch consumes queue entries the node does not know, or ends
 *   elsewhere than its commitment says.
 * - `BLOCKED`: an earlier batch was not applied, so this one cannot be.
 */
export type BadBatchReason = 'DATA_NOT_FOUND' | 'DECODE_ERROR' | 'CHUNK_COUNT_MISMATCH' | 'INVALID_CHUNK' | 'CLAIM_MISMATCH' | 'QUEUE_MISMATCH' | 'BLOCKED'

/**
 * A committed batch that the node cannot apply, with the batch number, the chunk when one is
 * to blame, and a {@link BadBatchReason}. `DATA_NOT_FOUND` is temporary (the node asks again
 * on every sync); the others are `data` errors (L1 data never changes).
 *
 * @example
 * ```ts
 * throw new BadBatchError({ batch: 7n, chunk: 2, reason: 'CLAIM_MISMATCH', message: 'new state root 0x.. != claimed 0x..' })
 * ```
 */
export class BadBatchError extends NodeError {
  override name = 'BadBatchError'
  readonly batch: bigint
  readonly chunk: number | undefined
  readonly reason: BadBatchReason
  constructor(params: { batch: bigint; chunk?: number; reason: BadBatchReason; message: string; cause?: unknown }) {
    const where = params.chunk === undefined ? `batch ${params.batch}` : `batch ${params.batch} chunk ${params.chunk}`
    super({
      code: 'BAD_BATCH',
      severity: params.reason === 'DATA_NOT_FOUND' ? 'temporary' : 'data',
      message: `${where}: ${params.reason}: ${params.message}`,
      cause: params.cause,
    })
    this.batch = params.batch
    this.chunk = params.chunk
    this.reason = params.reason
  }
}

/**
 * L1 events that contradict each other or the node's store (a queue entry whose hash does not
 * chain, a batch commitment without its chunk events, a store of another deployment).
 *
 * @example
 * ```ts
 * throw new L1InconsistencyError({ message: 'queue entry 4 does not chain onto entry 3' })
 * ```
 */
export class L1InconsistencyError extends NodeError {
  override name = 'L1InconsistencyError'
  constructor(params: { message: string; cause?: unknown }) {
    super({ code: 'L1_INCONSISTENT', severity: 'critical', message: params.message, cause: params.cause })
  }
}

/**
 * The node's store does not belong to this deployment (other chain, contract or parameters),
 * or is from an incompatible version of the node.
 *
 * @example
 * ```ts
 * throw new StoreMismatchError({ message: 'store is for rollup 0xabc.., not 0xdef..' })
 * ```
 */
export class StoreMismatchError extends NodeError {
  override name = 'StoreMismatchError'
  constructor(params: { message: string }) {
    super({ code: 'STORE_MISMATCH', severity: 'critical', message: params.message })
  }
}

/**
 * A read asked for something the node does not have: an unknown account or batch, a chunk
 * position without an exit, a batch that is not finalized yet.
 *
 * @example
 * ```ts
 * throw new NotFoundError({ what: 'account 12' })
 * ```
 */
export class NotFoundError extends NodeError {
  override name = 'NotFoundError'
  constructor(params: { what: string; detail?: string }) {
    super({ code: 'NOT_FOUND', severity: 'data', message: `${params.what} not found${params.detail ? `: ${params.detail}` : ''}` })
  }
}

/**
 * A read that needs a finalized batch (an exit proof) on one that is not finalized yet.
 *
 * @example
 * ```ts
 * throw new NotFinalizedError({ batch: 9n })
 * ```
 */
export class NotFinalizedError extends NodeError {
  override name = 'NotFinalizedError'
  constructor(params: { batch: bigint }) {
    super({ code: 'NOT_FINALIZED', severity: 'temporary', message: `batch ${params.batch} is not finalized on L1 yet` })
  }
}

/**
 * L1 finalized a batch the node could not apply (its data is missing or does not replay): the
 * node cannot rebuild anything after it, and the finalized state it would serve is unknown.
 *
 * @example
 * ```ts
 * throw new FinalizedNotAppliedError({ batch: 12n, why: 'rejected: DECODE_ERROR' })
 * ```
 */
export class FinalizedNotAppliedError extends NodeError {
  override name = 'FinalizedNotAppliedError'
  readonly batch: bigint
  constructor(params: { batch: bigint; why: string }) {
    super({ code: 'FINALIZED_NOT_APPLIED', severity: 'critical', message: `L1 finalized batch ${params.batch}, which the node could not apply (${params.why})` })
    this.batch = params.batch
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0]! : String(e)
}

/**
 * The node's configuration cannot be used: every wrong field at once, each naming the field
 * (and the environment variable it comes from) and what it must be.
 *
 * @example
 * ```ts
 * throw new NodeConfigError([{ field: 'l1RpcUrl (CW_NODE_L1_RPC_URL)', message: 'missing: the L1 JSON-RPC endpoint to read' }])
 * ```
 */
export class NodeConfigError extends NodeError {
  override name = 'NodeConfigError'
  readonly issues: readonly { field: string; message: string }[]
  constructor(issues: readonly { field: string; message: string }[]) {
    super({ code: 'INVALID_CONFIG', severity: 'critical', message: `invalid node configuration:\n${issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}` })
    this.issues = issues
  }
}

/**
 * An L1 reorg replaced blocks holding an event the node cannot unwind (a batch finalization,
 * a revert of batches, escape mode: their undo records or the reverted batches are gone), or
 * reaches below every block the node remembers. The node stops; rebuild it from L1 with a
 * fresh store, or raise `confirmations` so that such reorgs are never read.
 *
 * @example
 * ```ts
 * throw new L1ReorgTooDeepError({ block: 120n, message: 'block 120 (a finalization) was replaced' })
 * ```
 */
export class L1ReorgTooDeepError extends NodeError {
  override name = 'L1ReorgTooDeepError'
  readonly block: bigint
  constructor(params: { block: bigint; message: string }) {
    super({ code: 'L1_REORG_TOO_DEEP', severity: 'critical', message: `L1 reorg too deep to unwind: ${params.message}; rebuild the node from L1 with a fresh store (and raise confirmations)` })
    this.block = params.block
  }
}
