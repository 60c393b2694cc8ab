import { SequencerError, type Severity } from './SequencerError.ts'

/**
 * Stable codes of {@link L1Error}:
 * - `L1_REORG`: an L1 block holding an ingested queue entry was replaced (a reorg deeper than
 *   the configured confirmations); critical, the follower stops.
 * - `L1_QUEUE_MISMATCH`: L1's queue does not continue the log (a gap, or a chain value that
 *   differs from protocol's); critical.
 * - `BATCH_CONFLICT`: L1 holds a batch this sequencer did not build (someone else committed,
 *   e.g. a permissionless commit-and-prove), or with other roots; critical, the batcher stops.
 * - `BATCHES_REVERTED`: L1 reverted batches of this sequencer (unproven past the proof
 *   window); critical: a restart drops them and rebuilds them from the log.
 * - `COMMIT_REVERTED`: a commit transaction reverted and L1 does not hold the batch; critical.
 * - `PRECONFIRMATION_BROKEN`: a chunk built from the log does not include a preconfirmed
 *   transaction as the sequencer's view did; critical (never expected: a bug or corruption).
 * - `L1_UNAVAILABLE`: L1 could not be read now; temporary, retried at the next poll.
 * - `REBUILD_FAILED`: rebuilding the batcher's state after unsealing an overdue batch failed;
 *   critical: a restart rebuilds it (the unsealed batches are recorded `reverted`).
 * - `COMMIT_DEFERRED`: a sealed batch L1 would refuse as overdue waits for the overdue queue
 *   entry to reach the local log before it is rebuilt; temporary, retried at the next poll.
 * - `NOT_FINALIZED`: a withdrawal proof was asked for before its batch finalized (refused).
 */
export type L1ErrorCode = 'L1_REORG' | 'L1_QUEUE_MISMATCH' | 'BATCH_CONFLICT' | 'BATCHES_REVERTED' | 'COMMIT_REVERTED' | 'PRECONFIRMATION_BROKEN' | 'L1_UNAVAILABLE' | 'COMMIT_DEFERRED' | 'REBUILD_FAILED' | 'NOT_FINALIZED'

const SEVERITY: Record<L1ErrorCode, Severity> = {
  L1_REORG: 'critical',
  L1_QUEUE_MISMATCH: 'critical',
  BATCH_CONFLICT: 'critical',
  BATCHES_REVERTED: 'critical',
  COMMIT_REVERTED: 'critical',
  PRECONFIRMATION_BROKEN: 'critical',
  L1_UNAVAILABLE: 'temporary',
  COMMIT_DEFERRED: 'temporary',
  REBUILD_FAILED: 'critical',
  NOT_FINALIZED: 'refused',
}

/**
 * An error of the sequencer's L1 side (queue follower, batcher), with a stable code whose
 * severity is fixed by the code.
 *
 * @example
 * ```ts
 * throw new L1Error({ code: 'L1_REORG', message: 'L1 block 120 holding queue entry 7 was replaced' })
 * ```
 */
export class L1Error extends SequencerError {
  override name = 'L1Error'
  declare readonly code: L1ErrorCode
  constructor(params: { code: L1ErrorCode; message: string; cause?: unknown }) {
    super({ ...params, severity: SEVERITY[params.code] })
  }
}
