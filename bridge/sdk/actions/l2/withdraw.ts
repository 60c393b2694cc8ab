import type { Address } from 'viem'
import { MissingParameterError } from '../../errors/MissingParameterError.ts'
import type { SequencerClient } from '../../client/types.ts'
import type { L2TransactionResult } from './sendL2Transaction.ts'
import { submitL2Transaction, type SubmitParams } from './submitL2Transaction.ts'

/**
 * Withdraws `amount` from L2 to `recipient` on L1 (default: `owner`): the L2 transaction puts
 * an exit in its chunk's exit tree; once the batch is finalized, `claimWithdrawal` pays it on
 * L1. Returns the checked preconfirmation; follow it with `getWithdrawalStatus({ sequence })`.
 *
 * @example
 * ```ts
 * const { sequence } = await withdraw(client, { rollup, chainId, l1, key, owner, amount: parseEther('0.5') })
 * ```
 */
export async function withdraw(client: SequencerClient, params: SubmitParams & { recipient?: Address }): Promise<L2TransactionResult> {
  const recipient = params.recipient ?? params.owner
  if (!recipient) throw new MissingParameterError({ parameter: 'recipient', action: 'withdraw', hint: 'pass `recipient` (or `owner`, the default recipient).' })
  return submitL2Transaction(client, { ...params, destination: { type: 'withdraw', recipient } })
}
