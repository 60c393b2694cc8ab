import { getAddress, type Address } from 'viem'
import type { ExitLeaf } from '../../../../protocol/index.ts'
import type { WithdrawalProofJson } from '../../client/bridgeRpcSchema.ts'

/** An exit and the arguments of `claimExit` that pay it (the node's `getExitProof` result). */
export interface WithdrawalProof {
  exit: ExitLeaf
  args: readonly [batch: bigint, chunk: bigint, position: bigint, recipient: Address, tokenId: bigint, amount: bigint, siblings: readonly bigint[], txListCommitment: bigint]
}

/**
 * Reads the hex JSON of `rollup_getWithdrawalProof` into a {@link WithdrawalProof}.
 *
 * @example
 * ```ts
 * const proof = withdrawalProofFromJson(await client.request({ method: 'rollup_getWithdrawalProof', params: ['0x1', '0x0', '0x5'] }))
 * ```
 */
export function withdrawalProofFromJson(json: WithdrawalProofJson): WithdrawalProof {
  const [batch, chunk, position, recipient, tokenId, amount, siblings, txListCommitment] = json.args
  return {
    exit: { position: Number(json.exit.position), recipient: BigInt(json.exit.recipient), tokenId: BigInt(json.exit.tokenId), amount: BigInt(json.exit.amount) },
    args: [BigInt(batch), BigInt(chunk), BigInt(position), getAddress(recipient), BigInt(tokenId), BigInt(amount), siblings.map((s) => BigInt(s)), BigInt(txListCommitment)],
  }
}
