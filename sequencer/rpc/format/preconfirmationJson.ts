import type { AcceptedTx } from '../../mempool/Mempool.ts'
import type { SignedPreconfirmation } from '../../preconf/index.ts'
import { readAddress, readHash32, readQuantity } from '../Params.ts'
import { toData, toHash32, toQuantity } from '../hex.ts'

/**
 * A signed preconfirmation as JSON-RPC returns it: the EIP-712 message (`sequence`, `txHash`,
 * `l1Deadline`), its domain (`chainId`, `rollup`), the signer and the 65-byte signature.
 */
export interface PreconfirmationJson {
  sequence: `0x${string}`
  txHash: `0x${string}`
  /** Unix seconds (L1 timestamp) by which the batch holding the transaction is committed. */
  l1Deadline: `0x${string}`
  chainId: `0x${string}`
  rollup: `0x${string}`
  /** Address of the sequencer key that signed. */
  sequencer: `0x${string}`
  /** `r ‖ s ‖ v`, 65 bytes. */
  signature: `0x${string}`
}

/**
 * The JSON of an accepted transaction's preconfirmation.
 *
 * @example
 * ```ts
 * preconfirmationToJson({ accepted, chainId: 31337n, rollup, sequencer: sequencer.address })
 * ```
 */
export function preconfirmationToJson(params: { accepted: AcceptedTx; chainId: bigint; rollup: `0x${string}`; sequencer: `0x${string}` }): PreconfirmationJson {
  const { accepted } = params
  return {
    sequence: toQuantity(accepted.seq),
    txHash: toHash32(accepted.hash),
    l1Deadline: toQuantity(accepted.l1Deadline),
    chainId: toQuantity(params.chainId),
    rollup: params.rollup,
    sequencer: params.sequencer,
    signature: toData(accepted.signature),
  }
}

/**
 * Reads a {@link PreconfirmationJson} back into the typed preconfirmation that
 * `verifyPreconfirmation` checks (what the SDK does with an answer).
 *
 * @example
 * ```ts
 * await verifyPreconfirmation({ signed: preconfirmationFromJson(json), sequencer: json.sequencer })
 * ```
 */
export function preconfirmationFromJson(json: PreconfirmationJson): SignedPreconfirmation {
  readHash32(json.txHash, 'txHash')
  return {
    sequence: readQuantity(json.sequence, 'sequence', 64),
    txHash: json.txHash.toLowerCase() as `0x${string}`,
    l1Deadline: readQuantity(json.l1Deadline, 'l1Deadline', 64),
    chainId: readQuantity(json.chainId, 'chainId', 64),
    rollup: readAddress(json.rollup, 'rollup'),
    signature: json.signature,
  }
}
