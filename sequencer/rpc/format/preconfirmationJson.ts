import type { AcceptedTx } from '../../mempool/Mempool.ts'
import type { SignedPreconfirmation } from '../../preconf/index.ts'
import { InvalidParamsError } from '../../errors/index.ts'
import { readAddress, readHash32, readQuantity, show } from '../Params.ts'
import { toData, toHash32, toQuantity } from '../hex.ts'

/**
 * A signed preconfirmation as JSON-RPC returns it: the promise (`sequence`, `txHash`,
 * `l1Deadline`), the group commit it was signed in (`firstSequence`, `count`, `root`), the
 * Merkle `proof` from its leaf to `root`, the domain (`chainId`, `rollup`), the signer and the
 * 65-byte signature over the group (EIP-712 `PreconfirmationGroup`).
 */
export interface PreconfirmationJson {
  sequence: `0x${string}`
  txHash: `0x${string}`
  /** Unix seconds (L1 timestamp) by which the batch holding the transaction is committed. */
  l1Deadline: `0x${string}`
  /** Sequence number of the group's first transaction. */
  firstSequence: `0x${string}`
  /** Transactions in the group. */
  count: `0x${string}`
  /** Merkle root of the group's leaves (32 bytes), the signed value. */
  root: `0x${string}`
  /** Sibling hashes (32 bytes each) from the leaf up; `ceil(log2(count))` of them. */
  proof: `0x${string}`[]
  chainId: `0x${string}`
  rollup: `0x${string}`
  /** Address of the sequencer key that signed. */
  sequencer: `0x${string}`
  /** `r ‖ s ‖ v`, 65 bytes, over the group. */
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
  const { group } = accepted
  return {
    sequence: toQuantity(accepted.seq),
    txHash: toHash32(accepted.hash),
    l1Deadline: toQuantity(accepted.l1Deadline),
    firstSequence: toQuantity(group.firstSeq),
    count: toQuantity(group.count),
    root: toData(group.root),
    proof: group.proof.map(toData),
    chainId: toQuantity(params.chainId),
    rollup: params.rollup,
    sequencer: params.sequencer,
    signature: toData(group.signature),
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
  readHash32(json.root, 'root')
  if (!Array.isArray(json.proof)) throw new InvalidParamsError(`proof: must be an array of 32-byte hashes, got ${show(json.proof)}`)
  json.proof.forEach((p, i) => readHash32(p, `proof[${i}]`))
  return {
    sequence: readQuantity(json.sequence, 'sequence', 64),
    txHash: json.txHash.toLowerCase() as `0x${string}`,
    l1Deadline: readQuantity(json.l1Deadline, 'l1Deadline', 64),
    firstSequence: readQuantity(json.firstSequence, 'firstSequence', 64),
    count: readQuantity(json.count, 'count', 64),
    root: json.root.toLowerCase() as `0x${string}`,
    proof: json.proof.map((p) => p.toLowerCase() as `0x${string}`),
    chainId: readQuantity(json.chainId, 'chainId', 64),
    rollup: readAddress(json.rollup, 'rollup'),
    signature: json.signature,
  }
}
