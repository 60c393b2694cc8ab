import { numberToHex } from 'viem'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { SequencerClient } from '../../client/types.ts'
import { l2AccountFromJson, type L2Account } from './L2Account.ts'

/**
 * The L2 account at `index` after every transaction the sequencer accepted
 * (`rollup_getAccount`), or null when there is none.
 *
 * @example
 * ```ts
 * const account = await getAccount(client, { index: 1n })
 * account?.nonce // the next nonce to sign with
 * ```
 */
export async function getAccount(client: SequencerClient, params: { index: bigint }): Promise<L2Account | null> {
  const json = await sequencerRequest(client, { method: 'rollup_getAccount', params: [numberToHex(params.index)] })
  return json ? l2AccountFromJson(json) : null
}
