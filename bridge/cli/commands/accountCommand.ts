import { formatEther } from 'viem'
import { EXIT } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { toJson, userClients } from '../userContext.ts'

/**
 * `counterweight account`: the L1 balance and the L2 accounts of the user's address
 * (index, token, balance, nonce), and the L2 key derived from the wallet.
 *
 * @example
 * ```sh
 * CW_PRIVATE_KEY=0x… npm run counterweight -- account
 * ```
 */
export async function accountCommand(ctx: CommandContext): Promise<number> {
  const { client, l1Public, key, address } = await userClients(ctx)
  ctx.args.done()
  const [l1Balance, accounts] = await Promise.all([l1Public.getBalance({ address }), client.getAccountsByOwner({ owner: address })])
  if (ctx.json) {
    ctx.print(toJson({ address, l1Balance, l2PublicKey: key.publicKey, accounts }))
    return EXIT.OK
  }
  ctx.print(`L1 address   ${address}   ${formatEther(l1Balance)} ETH on L1`)
  ctx.print(`L2 key       (${key.publicKey.x.toString(16).slice(0, 12)}…, ${key.publicKey.y.toString(16).slice(0, 12)}…)`)
  if (accounts.length === 0) ctx.print('no L2 account yet: `counterweight deposit --amount 1` creates one')
  for (const a of accounts) ctx.print(`L2 account ${a.index}   token ${a.tokenId}   balance ${a.tokenId === 0n ? `${formatEther(a.balance)} ETH` : a.balance}   nonce ${a.nonce}`)
  return EXIT.OK
}
