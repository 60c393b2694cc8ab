import type { SignedPreconfirmation } from './preconfirmationTypes.ts'

/**
 * A preconfirmation in the shape `PreconfirmationSlasher` takes it (`SignedPreconfirmation`
 * struct: `sequence, txHash, l1Deadline, firstSequence, count, proof, signature`): the first
 * argument of `slashReordered`, `slashMissed`, `slashEquivocation` and `signerOf`.
 *
 * @example
 * ```ts
 * const args: PreconfirmationSlashArgs = preconfirmationSlashArgs(signed)
 * ```
 */
export interface PreconfirmationSlashArgs {
  sequence: bigint
  txHash: `0x${string}`
  l1Deadline: bigint
  firstSequence: bigint
  count: bigint
  proof: readonly `0x${string}`[]
  signature: `0x${string}`
}

/**
 * The slasher's struct for a signed preconfirmation (the domain, chain id and rollup, is the
 * slasher's own: a preconfirmation of another chain or rollup recovers another signer).
 *
 * @example
 * ```ts
 * await walletClient.writeContract({ address: slasher, abi: preconfirmationSlasherAbi, functionName: 'slashMissed', args: [preconfirmationSlashArgs(pre), 0n, 0n, 0n, []] })
 * ```
 */
export function preconfirmationSlashArgs(pre: SignedPreconfirmation): PreconfirmationSlashArgs {
  return {
    sequence: pre.sequence,
    txHash: pre.txHash,
    l1Deadline: pre.l1Deadline,
    firstSequence: pre.firstSequence,
    count: pre.count,
    proof: [...pre.proof],
    signature: pre.signature,
  }
}
