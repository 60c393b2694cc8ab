/** Where a batch is on L1: not committed (or reverted), committed, every chunk proven, finalized. */
export type BatchStage = 'none' | 'committed' | 'proven' | 'finalized'

const ORDER: Record<BatchStage, number> = { none: 0, committed: 1, proven: 2, finalized: 3 }

/**
 * Whether `stage` is at least `target` (`none` < `committed` < `proven` < `finalized`).
 *
 * @example
 * ```ts
 * batchStageReached({ stage: 'proven', target: 'committed' }) // true
 * ```
 */
export function batchStageReached(params: { stage: BatchStage; target: BatchStage }): boolean {
  return ORDER[params.stage] >= ORDER[params.target]
}
