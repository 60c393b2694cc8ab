import type { Address } from 'viem'
import { bigintToAddress, chunkLayout, denseProof, RollupState, type Chunk } from '../../protocol/index.ts'

/**
 * The arguments of `claimExit` for exit leaf `position` of `chunk`, chunk number `chunkIndex`
 * of batch `batch`: `(batch, chunk, position, recipient, tokenId, amount, siblings,
 * txListCommitment)` (the rollup keeps the exit root folded with the chunk's tx-list
 * commitment). Throws when the position holds no exit.
 *
 * @example
 * ```ts
 * await walletClient.writeContract({ address, abi: counterweightRollupAbi, functionName: 'claimExit', args: exitClaimArgs({ chunk, batch: 1n, chunkIndex: 0n, position: 1 }) })
 * ```
 */
export function exitClaimArgs(params: { chunk: Chunk; batch: bigint; chunkIndex: bigint; position: number }): readonly [bigint, bigint, bigint, Address, bigint, bigint, readonly bigint[], bigint] {
  const { chunk, batch, chunkIndex, position } = params
  const exit = chunk.exits.find((e) => e.position === position)
  if (!exit) throw new RangeError(`chunk has no exit at position ${position}`)
  const siblings = denseProof(chunk.exitLeaves, position, chunkLayout(chunk.params).exitDepth)
  return [batch, chunkIndex, BigInt(position), bigintToAddress(exit.recipient), exit.tokenId, exit.amount, siblings, chunk.txListCommitment]
}

/**
 * The arguments of `escapeWithdraw` for account `index` of `state` (the state at the last
 * finalized root). Throws for an empty index.
 *
 * @example
 * ```ts
 * await walletClient.writeContract({ address, abi: counterweightRollupAbi, functionName: 'escapeWithdraw', args: escapeWithdrawArgs({ state, index: 1n }) })
 * ```
 */
export function escapeWithdrawArgs(params: { state: RollupState; index: bigint }) {
  const { state, index } = params
  const w = state.witness(index)
  if (!w.account) throw new RangeError(`account ${index} is empty`)
  const a = w.account
  const leaf = { pubKeyX: a.publicKey.x, pubKeyY: a.publicKey.y, balance: a.balance, owner: bigintToAddress(a.owner), tokenId: a.tokenId, nonce: a.nonce }
  return [index, leaf, state.accountRoot, state.nextIndex, w.siblings] as const
}
