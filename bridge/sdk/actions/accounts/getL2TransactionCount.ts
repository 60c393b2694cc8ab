import type { Address } from 'viem'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { SequencerClient } from '../../client/types.ts'

/**
 * How many L2 transactions an L1 address's accounts have sent, summed over its accounts
 * (`eth_getTransactionCount`). To sign, use the account's own nonce (`getAccount`).
 *
 * @example
 * ```ts
 * await getL2TransactionCount(client, { address: '0x7099…' }) // 3n
 * ```
 */
export async function getL2TransactionCount(client: SequencerClient, params: { address: Address }): Promise<bigint> {
  return BigInt(await sequencerRequest(client, { method: 'eth_getTransactionCount', params: [params.address, 'latest'] }))
}
