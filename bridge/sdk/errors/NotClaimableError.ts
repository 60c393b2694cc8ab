import { CounterweightError } from './CounterweightError.ts'

/**
 * A withdrawal cannot be claimed now: its batch is not finalized yet (`NOT_FINALIZED`), or
 * it was claimed already (`ALREADY_CLAIMED`). Checked on L1 before sending anything.
 *
 * @example
 * ```ts
 * try { await client.claimWithdrawal({ ref: { sequence } }) } catch (e) {
 *   if (e instanceof NotClaimableError && e.code === 'NOT_FINALIZED') await client.waitForWithdrawal({ ref: { sequence } })
 * }
 * ```
 */
export class NotClaimableError extends CounterweightError {
  override name = 'NotClaimableError' as const
  declare readonly code: 'NOT_FINALIZED' | 'ALREADY_CLAIMED'
  readonly stage: string
  constructor(params: { code: 'NOT_FINALIZED' | 'ALREADY_CLAIMED'; stage: string }) {
    super({
      code: params.code,
      message: params.code === 'NOT_FINALIZED' ? `the withdrawal is ${params.stage}, not finalized yet` : 'the withdrawal was claimed already',
      hint: params.code === 'NOT_FINALIZED' ? 'wait for finality (waitForWithdrawal with `until: "finalized"`), then claim.' : 'nothing to do: the funds were paid to the recipient.',
    })
    this.stage = params.stage
  }
}
