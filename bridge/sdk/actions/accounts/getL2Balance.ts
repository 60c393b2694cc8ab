import type { Address } from 'viem'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { SequencerClient } from '../../client/types.ts'
import { getAccountsByOwner } from './getAccountsByOwner.ts'

/**
 * What an L1 address holds on L2 in one token (default ETH, token 0), summed over its
 * accounts, after every accepted transaction: `eth_getBalance` for ETH, the owner's accounts
 * of the token otherwise.
 *
 * @example
 * ```ts
 * const wei = await getL2Balance(client, { address: '0x7099…' })
 * const tokens = await getL2Balance(client, { address: '0x7099…', tokenId: 1n })
 * ```
 */
export async function getL2Balance(client: SequencerClient, params: { address: Address; tokenId?: bigint }): Promise<bigint> {
  if ((params.tokenId ?? 0n) === 0n) return BigInt(await sequencerRequest(client, { method: 'eth_getBalance', params: [params.address, 'latest'] }))
  const accounts = await getAccountsByOwner(client, { owner: params.address, tokenId: params.tokenId! })
  return accounts.reduce((sum, a) => sum + a.balance, 0n)
}
