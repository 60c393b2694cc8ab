import type { Address, Hex } from 'viem'
import { domainHash, txHash as hashTx, type SignedL2Tx } from '../../../../protocol/index.ts'
import { signedTxToJson, type SignedPreconfirmation } from '../../../../sequencer/index.ts'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { DeploymentParams, L1Client, SequencerClient } from '../../client/types.ts'
import { verifyPreconfirmation } from '../preconf/verifyPreconfirmation.ts'
import { resolveSequencerAddress } from './resolveSequencerAddress.ts'

/** What an L2 transaction action returns: the checked preconfirmation and the transaction. */
export interface L2TransactionResult {
  /** The transaction hash (what the owner signed), 32 bytes. */
  txHash: Hex
  /** Global sequence number the sequencer gave it. */
  sequence: bigint
  /** L1 time (unix seconds) by which the batch holding it is committed, as promised. */
  l1Deadline: bigint
  /** The preconfirmation, its EIP-712 signature checked against the sequencer. */
  preconfirmation: SignedPreconfirmation
  signed: SignedL2Tx
}

/**
 * Sends a signed L2 transaction (`rollup_sendTransaction`) and checks the preconfirmation it
 * answers: signed by the rollup's sequencer (`sequencerAddress`, or `sequencer()` on L1
 * through `l1`), for this deployment and this transaction. Resending the same signed
 * transaction is safe: it answers the same preconfirmation. Refusals throw
 * `TransactionRefusedError` with the sequencer's stable code.
 *
 * @example
 * ```ts
 * const { sequence } = await sendL2Transaction(client, { rollup, chainId, signed, l1: publicClient })
 * ```
 */
export async function sendL2Transaction(
  client: SequencerClient,
  params: DeploymentParams & { signed: SignedL2Tx; sequencerAddress?: Address; l1?: L1Client },
): Promise<L2TransactionResult> {
  const { rollup, chainId, signed } = params
  const sequencer = await resolveSequencerAddress(params)
  const hash = hashTx({ tx: signed.tx, domain: domainHash({ chainId, rollupAddress: BigInt(rollup) }) })
  const json = await sequencerRequest(client, { method: 'rollup_sendTransaction', params: [signedTxToJson({ signed, chainId, rollup })] })
  const preconfirmation = await verifyPreconfirmation({ json, chainId, rollup, sequencer, txHash: hash })
  return { txHash: preconfirmation.txHash, sequence: preconfirmation.sequence, l1Deadline: preconfirmation.l1Deadline, preconfirmation, signed }
}
