/** The one withdrawal state machine: initiated → committed → proven → finalized → claimed. */
export type WithdrawalStage = 'initiated' | 'committed' | 'proven' | 'finalized' | 'claimed'

const STAGES: readonly WithdrawalStage[] = ['initiated', 'committed', 'proven', 'finalized', 'claimed']

/**
 * Whether `stage` is at least `target` in the withdrawal state machine.
 *
 * @example
 * ```ts
 * withdrawalStageReached({ stage: 'claimed', target: 'finalized' }) // true
 * ```
 */
export function withdrawalStageReached(params: { stage: WithdrawalStage; target: WithdrawalStage }): boolean {
  return STAGES.indexOf(params.stage) >= STAGES.indexOf(params.target)
}

