import type { Address } from 'viem'
import { TransactionRefusedError } from '../../errors/TransactionRefusedError.ts'
import type { DeploymentParams, L1Client, SequencerClient } from '../../client/types.ts'
import { prepareL2Transaction, type L2Destination, type L2TransactionParams } from './prepareL2Transaction.ts'
import { sendL2Transaction, type L2TransactionResult } from './sendL2Transaction.ts'
import { signL2Transaction } from './signL2Transaction.ts'

/** The common parameters of `transfer`, `transferToL1` and `withdraw`. */
export type SubmitParams = DeploymentParams & L2TransactionParams & { sequencerAddress?: Address; l1?: L1Client }

/**
 * Prepares, signs and sends one L2 transaction, and checks its preconfirmation. Without an
 * explicit `fee` it pays 0 and, if the sequencer answers FEE_TOO_LOW with its minimum, signs
 * again once with that minimum.
 *
 * @example
 * ```ts
 * await submitL2Transaction(client, { rollup, chainId, key, from: 1n, amount: 5n, destination: { type: 'transfer', to: 2n }, l1 })
 * ```
 */
export async function submitL2Transaction(client: SequencerClient, params: SubmitParams & { destination: L2Destination }): Promise<L2TransactionResult> {
  let fee = params.fee ?? 0n
  for (let attempt = 0; ; attempt++) {
    const { tx } = await prepareL2Transaction(client, { ...params, fee })
    const signed = signL2Transaction({ tx, key: params.key, rollup: params.rollup, chainId: params.chainId })
    try {
      return await sendL2Transaction(client, { ...params, signed })
    } catch (e) {
      const minFee = e instanceof TransactionRefusedError && e.code === 'FEE_TOO_LOW' ? e.data.minFee : undefined
      if (params.fee !== undefined || attempt > 0 || minFee === undefined) throw e
      fee = BigInt(minFee as string | number)
    }
  }
}
