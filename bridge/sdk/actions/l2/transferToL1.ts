import type { Address } from 'viem'
import type { SequencerClient } from '../../client/types.ts'
import type { L2TransactionResult } from './sendL2Transaction.ts'
import { submitL2Transaction, type SubmitParams } from './submitL2Transaction.ts'

/**
 * Transfers `amount` on L2 to whoever owns an L1 address: credited to its lowest-index
 * account of the token, or to a new account it owns. Returns the checked preconfirmation.
 *
 * @example
 * ```ts
 * await transferToL1(client, { rollup, chainId, l1, key, owner, toAddress: '0x3C44…', amount: parseEther('0.1') })
 * ```
 */
export function transferToL1(client: SequencerClient, params: SubmitParams & { toAddress: Address }): Promise<L2TransactionResult> {
  return submitL2Transaction(client, { ...params, destination: { type: 'transferToL1', toAddress: params.toAddress } })
}
