import { formatEther, isAddress } from 'viem'
import { EXIT, usageError } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { amountOption, indexOption, toJson, userClients } from '../userContext.ts'

/**
 * `counterweight deposit --amount ETH [--token ADDRESS] [--to INDEX] [--wait]`: deposits
 * through the L1 queue into a new account with the user's L2 key (or account `--to`), and
 * with `--wait` until the sequencer has credited it.
 *
 * @example
 * ```sh
 * npm run counterweight -- deposit --amount 1.5 --wait
 * ```
 */
export async function depositCommand(ctx: CommandContext): Promise<number> {
  const { client, key, address } = await userClients(ctx)
  const amount = amountOption(ctx)
  const token = ctx.args.string('token')
  const toIndex = indexOption(ctx, 'to')
  const wait = ctx.args.flag('wait')
  ctx.args.done()
  if (token !== undefined && !isAddress(token)) throw usageError({ message: `--token must be an ERC-20 address, got "${token}"` })
  const before = new Set((await client.getAccountsByOwner({ owner: address })).map((a) => a.index))
  const result = await ctx.progress.run(`L1: deposit ${token ? amount : `${formatEther(amount)} ETH`}`, () =>
    token ? client.depositToken({ token, amount, key, ...(toIndex !== undefined ? { toIndex } : {}) }) : client.depositEth({ amount, key, ...(toIndex !== undefined ? { toIndex } : {}) }),
    (r) => `tx ${r.hash}, queue position ${r.queued?.position ?? '?'}`,
  )
  let credited: bigint | undefined
  if (wait) {
    credited = await ctx.progress.run('L2: waiting for the sequencer to credit it', async (step) => {
      for (;;) {
        const accounts = await client.getAccountsByOwner({ owner: address })
        const fresh = toIndex ?? accounts.find((a) => !before.has(a.index))?.index
        if (fresh !== undefined && (toIndex === undefined || accounts.some((a) => a.index === toIndex))) return fresh
        step.update('the L1 follower waits for confirmations')
        await new Promise((r) => setTimeout(r, 500))
      }
    }, (i) => `account ${i}`)
  }
  ctx.print(ctx.json ? toJson({ hash: result.hash, queuePosition: result.queued?.position, account: credited }) : `deposited: L1 tx ${result.hash}${credited !== undefined ? `, L2 account ${credited}` : ''}`)
  return EXIT.OK
}
