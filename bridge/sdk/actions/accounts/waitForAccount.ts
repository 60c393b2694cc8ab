import type { Address } from 'viem'
import type { Point } from '../../../../protocol/index.ts'
import { WaitTimeoutError } from '../../errors/WaitTimeoutError.ts'
import type { SequencerClient } from '../../client/types.ts'
import { getAccountsByOwner } from './getAccountsByOwner.ts'
import type { L2Account } from './L2Account.ts'

/**
 * Waits until the sequencer shows an account of `owner` (of `tokenId`, with `publicKey` if
 * given, and at least `minBalance`): what follows a deposit, once the sequencer has applied
 * its L1 queue entry. Polls `rollup_getAccountsByOwner`.
 *
 * @example
 * ```ts
 * await depositEth(l1, { rollup, chainId, amount: parseEther('1'), key })
 * const account = await waitForAccount(client, { owner: l1.account.address, publicKey: key.publicKey })
 * ```
 */
export async function waitForAccount(
  client: SequencerClient,
  params: { owner: Address; tokenId?: bigint; publicKey?: Point; minBalance?: bigint; pollingIntervalMs?: number; timeoutMs?: number },
): Promise<L2Account> {
  const { pollingIntervalMs = 500, timeoutMs = 120_000 } = params
  const deadline = Date.now() + timeoutMs
  let last: L2Account[] = []
  for (;;) {
    last = await getAccountsByOwner(client, { owner: params.owner, tokenId: params.tokenId ?? 0n })
    const found = last.find(
      (a) => (!params.publicKey || (a.publicKey?.x === params.publicKey.x && a.publicKey.y === params.publicKey.y)) && a.balance >= (params.minBalance ?? 0n),
    )
    if (found) return found
    if (Date.now() >= deadline) throw new WaitTimeoutError({ what: `an account of ${params.owner}`, timeoutMs, last })
    await new Promise((r) => setTimeout(r, pollingIntervalMs))
  }
}
