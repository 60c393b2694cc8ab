import { createCounterweightClient } from '../../sdk/index.ts'
import { CliError, EXIT, usageError } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { indexOption, toJson, userClients } from '../userContext.ts'

/**
 * `counterweight escape [--index N]`: when the operator is gone (an L1 queue entry unconsumed
 * past the escape delay), starts escape mode if nobody has, and withdraws the full balance
 * of the user's accounts (or account `--index`) on L1 with proofs from a node (`--node`).
 * `counterweight refund --position N` refunds an unconsumed deposit in escape mode.
 *
 * @example
 * ```sh
 * npm run counterweight -- escape --node http://127.0.0.1:8548
 * ```
 */
export async function escapeCommand(ctx: CommandContext): Promise<number> {
  const { client, address, endpoints } = await userClients(ctx)
  const index = indexOption(ctx, 'index')
  ctx.args.done()
  if (!endpoints.nodeUrl) throw new CliError({ code: 'CONFIG', exitCode: EXIT.CONFIG, message: 'escape withdrawals need a node (the sequencer is presumed gone): pass --node URL or set CW_NODE_URL' })
  const heads = await client.getRollupHeads()
  if (!heads.escapeMode) {
    await ctx.progress.run('L1: activate escape mode', () => client.activateEscapeMode(), (r) => `tx ${r.hash}`)
  }
  const node = createCounterweightClient({ sequencerUrl: endpoints.nodeUrl, rollup: endpoints.rollup, chainId: endpoints.chainId })
  const indices = index !== undefined ? [index] : (await node.getAccountsByOwner({ owner: address })).map((a) => a.index)
  const paid: { index: bigint; hash: string }[] = []
  for (const i of indices) {
    const r = await ctx.progress.run(`L1: escape withdrawal of account ${i}`, () => client.escapeWithdraw({ index: i }), (x) => `tx ${x.hash}`)
    paid.push({ index: i, hash: r.hash })
  }
  ctx.print(ctx.json ? toJson({ paid }) : paid.length === 0 ? 'no account to withdraw' : `withdrawn: ${paid.map((p) => `account ${p.index} (tx ${p.hash})`).join(', ')}`)
  return EXIT.OK
}

/**
 * `counterweight refund --position N`: in escape mode, refunds the deposit at queue position
 * N that no batch consumed.
 *
 * @example
 * ```sh
 * npm run counterweight -- refund --position 3
 * ```
 */
export async function refundCommand(ctx: CommandContext): Promise<number> {
  const { client } = await userClients(ctx)
  const position = indexOption(ctx, 'position')
  ctx.args.done()
  if (position === undefined) throw usageError({ message: '--position N is required' })
  const r = await ctx.progress.run(`L1: refund deposit ${position}`, () => client.refundDeposit({ position }), (x) => `tx ${x.hash}`)
  ctx.print(ctx.json ? toJson({ hash: r.hash }) : `refunded: tx ${r.hash}`)
  return EXIT.OK
}
