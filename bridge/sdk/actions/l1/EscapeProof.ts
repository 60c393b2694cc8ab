import { getAddress, type Address } from 'viem'
import type { EscapeProofJson } from '../../client/bridgeRpcSchema.ts'

/** The arguments of `escapeWithdraw` for one account, against the frozen (last finalized) state. */
export interface EscapeProof {
  batch: bigint
  stateRoot: bigint
  args: readonly [
    accountIndex: bigint,
    leaf: { pubKeyX: bigint; pubKeyY: bigint; balance: bigint; owner: Address; tokenId: bigint; nonce: bigint },
    accountRoot: bigint,
    nextIndex: bigint,
    siblings: readonly bigint[],
  ]
}

/**
 * Reads the hex JSON of a node's `rollup_getEscapeProof` into an {@link EscapeProof}.
 *
 * @example
 * ```ts
 * const proof = escapeProofFromJson(await node.request({ method: 'rollup_getEscapeProof', params: ['0x7'] }))
 * ```
 */
export function escapeProofFromJson(json: EscapeProofJson): EscapeProof {
  const [index, leaf, accountRoot, nextIndex, siblings] = json.args
  return {
    batch: BigInt(json.batch),
    stateRoot: BigInt(json.stateRoot),
    args: [
      BigInt(index),
      { pubKeyX: BigInt(leaf.pubKeyX), pubKeyY: BigInt(leaf.pubKeyY), balance: BigInt(leaf.balance), owner: getAddress(leaf.owner), tokenId: BigInt(leaf.tokenId), nonce: BigInt(leaf.nonce) },
      BigInt(accountRoot),
      BigInt(nextIndex),
      siblings.map((s) => BigInt(s)),
    ],
  }
}
