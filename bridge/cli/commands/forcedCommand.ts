import { EXIT, usageError } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { amountOption, indexOption, toJson, userClients } from '../userContext.ts'

/**
 * `counterweight force-withdraw --from INDEX --amount ETH` and
 * `counterweight force-transfer --from INDEX --to INDEX --amount ETH`: the censorship-proof
 * path through the L1 queue; the sequencer must include it within the inclusion delay, or
 * anyone may take over (`counterweight queue-status --position N` follows it).
 *
 * @example
 * ```sh
 * npm run counterweight -- force-withdraw --from 1 --amount 2
 * ```
 */
export function forcedCommand(kind: 'withdraw' | 'transfer'): (ctx: CommandContext) => Promise<number> {
  return async (ctx) => {
    const { client, address } = await userClients(ctx)
    const amount = amountOption(ctx)
    const to = kind === 'transfer' ? indexOption(ctx, 'to') : undefined
    let from = indexOption(ctx, 'from')
    ctx.args.done()
    if (kind === 'transfer' && to === undefined) throw usageError({ message: 'force-transfer needs --to INDEX' })
    if (from === undefined) {
      const mine = (await client.getAccountsByOwner({ owner: address })).filter((a) => a.tokenId === 0n)
      if (mine.length !== 1) throw usageError({ message: `give --from INDEX (${mine.length === 0 ? 'no ETH account of yours was found on the sequencer' : `you own accounts ${mine.map((a) => a.index).join(', ')}`})` })
      from = mine[0]!.index
    }
    const r = await ctx.progress.run(`L1: forced ${kind} from account ${from}`, () => (kind === 'withdraw' ? client.forcedWithdraw({ from: from!, amount }) : client.forcedTransfer({ from: from!, to: to!, amount })), (x) => `queue position ${x.queued?.position}`)
    const position = r.queued?.position
    ctx.print(ctx.json ? toJson({ hash: r.hash, position }) : `queued on L1 at position ${position} (tx ${r.hash}); follow it with: counterweight queue-status --position ${position}${kind === 'withdraw' ? `; then: counterweight claim --position ${position} --wait` : ''}`)
    return EXIT.OK
  }
}

/**
 * `counterweight queue-status --position N`: an L1 queue entry's forced-inclusion status
 * (pending, overdue, consumed in batch N, escape mode), from L1 alone.
 *
 * @example
 * ```sh
 * npm run counterweight -- queue-status --position 4 --json
 * ```
 */
export async function queueStatusCommand(ctx: CommandContext): Promise<number> {
  const { client } = await userClients(ctx)
  const position = indexOption(ctx, 'position')
  ctx.args.done()
  if (position === undefined) throw usageError({ message: '--position N is required' })
  const s = await client.getQueueEntryStatus({ position })
  ctx.print(ctx.json ? toJson(s) : toJson(s).replace(/[{}"]/g, '').replace(/,/g, '\n'))
  return EXIT.OK
}
