import { recoverTypedDataAddress } from 'viem'
import { hexToBytes, preconfirmationLeaf } from './preconfirmationHash.ts'
import { preconfirmationRootFromProof } from './preconfirmationTree.ts'
import { MAX_PRECONFIRMATION_GROUP, preconfirmationGroupTypedData, type SignedPreconfirmation } from './preconfirmationTypes.ts'

/**
 * The address that signed a preconfirmation's group (viem's EIP-712 recovery), or undefined
 * when the preconfirmation is malformed: its leaf and Merkle proof do not lead to its `root`
 * (wrong position, wrong proof length, changed field), or the signature does not parse.
 *
 * @example
 * ```ts
 * await recoverPreconfirmationSigner(signed) // '0xf39F…'
 * ```
 */
export async function recoverPreconfirmationSigner(signed: SignedPreconfirmation): Promise<`0x${string}` | undefined> {
  try {
    const { sequence, firstSequence, count } = signed
    if (count < 1n || count > BigInt(MAX_PRECONFIRMATION_GROUP) || sequence < firstSequence || sequence - firstSequence >= count) return undefined
    const root = preconfirmationRootFromProof({
      leaf: preconfirmationLeaf(signed),
      index: Number(sequence - firstSequence),
      count: Number(count),
      proof: signed.proof.map((p) => hexToBytes(p, 32)),
    })
    if (!root || Buffer.compare(Buffer.from(root), Buffer.from(hexToBytes(signed.root, 32))) !== 0) return undefined
    return await recoverTypedDataAddress({ ...preconfirmationGroupTypedData(signed), signature: signed.signature })
  } catch {
    return undefined
  }
}

/**
 * True when `signed` is a valid promise by `sequencer` for exactly its content (chain, rollup,
 * sequence number, transaction hash and deadline): its leaf sits at position
 * `sequence - firstSequence` of the group whose Merkle root the sequencer signed (EIP-712
 * `PreconfirmationGroup`). What a wallet, the SDK or a slashing claim checks before relying
 * on a preconfirmation. Clients verifying many may check each group's signature once and only
 * the Merkle proof of the others (same `root`, `firstSequence`, `count` and `signature`).
 *
 * @example
 * ```ts
 * const pre = await client.request({ method: 'rollup_sendTransaction', params: [tx] })
 * await verifyPreconfirmation({ signed: preconfirmationFromJson(pre), sequencer: '0xf39F…' }) // true
 * ```
 */
export async function verifyPreconfirmation(params: { signed: SignedPreconfirmation; sequencer: `0x${string}` }): Promise<boolean> {
  const signer = await recoverPreconfirmationSigner(params.signed)
  return signer !== undefined && signer.toLowerCase() === params.sequencer.toLowerCase()
}
