import type { SequencerClient } from '../../client/types.ts'
import type { L2TransactionResult } from './sendL2Transaction.ts'
import { submitL2Transaction, type SubmitParams } from './submitL2Transaction.ts'

/**
 * Transfers `amount` on L2 from the sending account to account `to` (same token): builds the
 * transaction (nonce and fee by default), signs it with the L2 key, sends it and returns the
 * preconfirmation, checked against the sequencer's address.
 *
 * @example
 * ```ts
 * const { sequence, txHash } = await transfer(client, { rollup, chainId, l1, key, owner, to: 2n, amount: parseEther('0.1') })
 * ```
 */
export function transfer(client: SequencerClient, params: SubmitParams & { to: bigint }): Promise<L2TransactionResult> {
  return submitL2Transaction(client, { ...params, destination: { type: 'transfer', to: params.to } })
}
