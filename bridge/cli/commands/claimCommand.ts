import { EXIT, usageError } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { indexOption, toJson, userClients } from '../userContext.ts'
import { NotClaimableError, type WithdrawalRef } from '../../sdk/index.ts'

const STAGES = ['initiated', 'committed', 'proven', 'finalized', 'claimed'] as const

/**
 * `counterweight claim --sequence N | --position N [--wait]` and
 * `counterweight withdrawal-status --sequence N | --position N`: the withdrawal's stage
 * (initiated, committed, proven, finalized, claimed); `claim` pays it out on L1 once
 * finalized (with `--wait`, waits for that with progress).
 *
 * @example
 * ```sh
 * npm run counterweight -- claim --sequence 7 --wait
 * ```
 */
export function claimCommand(mode: 'claim' | 'status'): (ctx: CommandContext) => Promise<number> {
  return async (ctx) => {
    const { client } = await userClients(ctx)
    const sequence = indexOption(ctx, 'sequence')
    const position = indexOption(ctx, 'position')
    const wait = ctx.args.flag('wait')
    ctx.args.done()
    if ((sequence === undefined) === (position === undefined)) throw usageError({ message: 'give --sequence N (an L2 withdrawal) or --position N (a forced withdrawal\'s queue position)' })
    const ref: WithdrawalRef = sequence !== undefined ? { sequence } : { position: position! }
    let status = await client.getWithdrawalStatus({ ref })
    if (mode === 'status') {
      ctx.print(ctx.json ? toJson(status) : `withdrawal: ${status.stage}${status.batch !== undefined ? ` (batch ${status.batch}, chunk ${status.chunk}, exit ${status.exitPosition})` : ''}`)
      return EXIT.OK
    }
    if (status.stage === 'claimed') {
      ctx.print(ctx.json ? toJson(status) : 'already claimed')
      return EXIT.OK
    }
    if (status.stage !== 'finalized') {
      if (!wait) throw usageError({ message: `the withdrawal is ${status.stage}, not finalized yet`, hint: 'add --wait to wait for its batch to be proven and finalized' })
      status = await ctx.progress.run('L1: waiting for the batch to be committed, proven and finalized', async (step) => {
        for (;;) {
          const s = await client.getWithdrawalStatus({ ref })
          step.update(s.stage + (s.batch !== undefined ? ` (batch ${s.batch})` : ''), STAGES.indexOf(s.stage as (typeof STAGES)[number]) / 3)
          if (s.stage === 'finalized' || s.stage === 'claimed') return s
          await new Promise((r) => setTimeout(r, 1000))
        }
      }, (s) => `batch ${s.batch}`)
    }
    // The endpoint serving proofs follows L1 a few confirmations behind: with --wait, retry
    // "not finalized yet" for a while instead of failing.
    const r = await ctx.progress.run('L1: claim', async (step) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await client.claimWithdrawal({ ref })
        } catch (e) {
          if (!(wait && e instanceof NotClaimableError && e.code === 'NOT_FINALIZED' && attempt < 120)) throw e
          step.update('the sequencer has not seen the finalization yet')
          await new Promise((res) => setTimeout(res, 1000))
        }
      }
    }, (x) => `tx ${x.hash}`)
    ctx.print(ctx.json ? toJson({ hash: r.hash, batch: status.batch, chunk: status.chunk, exitPosition: status.exitPosition }) : `claimed on L1: tx ${r.hash}`)
    return EXIT.OK
  }
}
