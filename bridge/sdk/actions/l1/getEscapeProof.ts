import { numberToHex } from 'viem'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { SequencerClient } from '../../client/types.ts'
import { escapeProofFromJson, type EscapeProof } from './EscapeProof.ts'

/**
 * The escape-mode proof of account `index` from a node (`rollup_getEscapeProof`): its leaf and
 * Merkle path in the last finalized state, rebuilt by the node from L1 alone.
 *
 * @example
 * ```ts
 * const proof = await getEscapeProof(nodeClient, { index: 7n })
 * await escapeWithdraw(walletClient, { rollup, proof })
 * ```
 */
export async function getEscapeProof(client: SequencerClient, params: { index: bigint }): Promise<EscapeProof> {
  return escapeProofFromJson(await sequencerRequest(client, { method: 'rollup_getEscapeProof', params: [numberToHex(params.index)] }))
}
