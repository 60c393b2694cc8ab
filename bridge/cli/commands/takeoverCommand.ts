import { pino } from 'pino'
import { proverConfigFromEnv, runTakeOver, TakeOverError, type TakeOverProgress } from '../../../prover/index.ts'
import { CliError, EXIT } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { toJson } from '../userContext.ts'

/**
 * `counterweight takeover [--calldata]`: when an L1 queue entry has waited past the inclusion
 * delay, commits and proves a batch that consumes it, with no key or help from the sequencer
 * (configuration from the prover's `CW_*` variables: docs/prover.md). Progress per stage.
 *
 * @example
 * ```sh
 * CW_L1_RPC_URL=… CW_ROLLUP_ADDRESS=0x… CW_DEPLOYMENT_BLOCK=0 CW_PROVER_KEY=0x… CW_PROVER_PROOFS=dev npm run counterweight -- takeover
 * ```
 */
export async function takeoverCommand(ctx: CommandContext): Promise<number> {
  const calldata = ctx.args.flag('calldata')
  ctx.args.done()
  const config = proverConfigFromEnv(ctx.env)
  let step = ctx.progress.step('take-over: check the queue and L1')
  let stage: TakeOverProgress['stage'] = 'check'
  const onProgress = (p: TakeOverProgress): void => {
    if (p.stage !== stage) {
      step.done()
      stage = p.stage
      step = ctx.progress.step(`take-over: ${p.stage}`)
    }
    step.update(p.message, p.of ? (p.chunk ?? 0) / p.of : undefined)
  }
  try {
    const r = await runTakeOver({ config, logger: pino({ level: 'warn' }), onProgress, da: calldata ? 'calldata' : 'blob' })
    step.done()
    ctx.print(ctx.json ? toJson(r) : `take-over done: batch ${r.batch ?? '-'} consumed queue ${r.queueStart}..${r.queueEnd} (tx ${r.transactionHash ?? '-'})`)
    return EXIT.OK
  } catch (e) {
    step.fail((e as Error).message)
    if (e instanceof TakeOverError) throw new CliError({ code: e.reason, exitCode: EXIT.USAGE, message: e.message, hint: 'nothing to take over yet: the sequencer is within its inclusion delay' })
    throw e
  }
}
