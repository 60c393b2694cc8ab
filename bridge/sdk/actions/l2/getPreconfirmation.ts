import { numberToHex, type Hex } from 'viem'
import type { PreconfirmationJson } from '../../../../sequencer/index.ts'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { SequencerClient } from '../../client/types.ts'

/**
 * The preconfirmation of a durable transaction by its hash or sequence number
 * (`rollup_getPreconfirmation`), as JSON, or null. Check it with `verifyPreconfirmation` (signature) or `checkPreconfirmation` (honoured?).
 *
 * @example
 * ```ts
 * const json = await getPreconfirmation(client, { sequence: 42n })
 * ```
 */
export async function getPreconfirmation(client: SequencerClient, params: { txHash: Hex } | { sequence: bigint }): Promise<PreconfirmationJson | null> {
  const key = 'txHash' in params ? params.txHash : numberToHex(params.sequence)
  return sequencerRequest(client, { method: 'rollup_getPreconfirmation', params: [key] })
}
