import { isAddress } from 'viem'
import { EXIT, usageError } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { amountOption, indexOption, toJson, userClients } from '../userContext.ts'

/**
 * `counterweight transfer --to INDEX | --to-address 0x… --amount ETH [--fee WEI] [--from INDEX]`
 * and `counterweight withdraw --amount ETH [--recipient 0x…]`: signs with the L2 key, sends
 * to the sequencer, checks the signed preconfirmation and prints it.
 *
 * @example
 * ```sh
 * npm run counterweight -- transfer --to 2 --amount 0.25
 * npm run counterweight -- withdraw --amount 1
 * ```
 */
export function sendCommand(kind: 'transfer' | 'withdraw'): (ctx: CommandContext) => Promise<number> {
  return async (ctx) => {
    const { client, key, address } = await userClients(ctx)
    const amount = amountOption(ctx)
    const from = indexOption(ctx, 'from')
    const fee = indexOption(ctx, 'fee')
    const common = { key, owner: address, amount, ...(from !== undefined ? { from } : {}), ...(fee !== undefined ? { fee } : {}) }
    let send: () => ReturnType<typeof client.transfer>
    let what: string
    if (kind === 'transfer') {
      const to = indexOption(ctx, 'to')
      const toAddress = ctx.args.string('to-address')
      if ((to === undefined) === (toAddress === undefined)) throw usageError({ message: 'give exactly one of --to INDEX (an L2 account) or --to-address 0x… (an L1 address)' })
      if (toAddress !== undefined && !isAddress(toAddress)) throw usageError({ message: `--to-address must be an address, got "${toAddress}"` })
      send = to !== undefined ? () => client.transfer({ ...common, to }) : () => client.transferToL1({ ...common, toAddress: toAddress as `0x${string}` })
      what = to !== undefined ? `transfer to account ${to}` : `transfer to ${toAddress}`
    } else {
      const recipient = ctx.args.string('recipient')
      if (recipient !== undefined && !isAddress(recipient)) throw usageError({ message: `--recipient must be an address, got "${recipient}"` })
      send = () => client.withdraw({ ...common, ...(recipient ? { recipient } : {}) })
      what = `withdraw to ${recipient ?? address}`
    }
    ctx.args.done()
    const r = await ctx.progress.run(`L2: ${what}`, send, (x) => `preconfirmed as sequence ${x.sequence}`)
    if (ctx.json) ctx.print(toJson({ txHash: r.txHash, sequence: r.sequence, l1Deadline: r.l1Deadline, preconfirmation: r.preconfirmation }))
    else {
      ctx.print(`preconfirmed: sequence ${r.sequence}, tx ${r.txHash}`)
      ctx.print(`  signed by the sequencer; promised on L1 by ${new Date(Number(r.l1Deadline) * 1000).toISOString()}`)
      if (kind === 'withdraw') ctx.print(`  claim it on L1 once finalized: counterweight claim --sequence ${r.sequence} --wait`)
    }
    return EXIT.OK
  }
}
