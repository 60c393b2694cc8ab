import { numberToHex, type Address } from 'viem'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { SequencerClient } from '../../client/types.ts'
import { l2AccountFromJson, type L2Account } from './L2Account.ts'

/**
 * Every L2 account an L1 address owns, ascending by index, of every token or of `tokenId`
 * (`rollup_getAccountsByOwner`).
 *
 * @example
 * ```ts
 * const accounts = await getAccountsByOwner(client, { owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', tokenId: 0n })
 * ```
 */
export async function getAccountsByOwner(client: SequencerClient, params: { owner: Address; tokenId?: bigint }): Promise<L2Account[]> {
  const json = await sequencerRequest(client, {
    method: 'rollup_getAccountsByOwner',
    params: params.tokenId === undefined ? [params.owner] : [params.owner, numberToHex(params.tokenId)],
  })
  return json.map(l2AccountFromJson)
}
