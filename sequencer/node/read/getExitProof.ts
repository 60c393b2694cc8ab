import type { Address } from 'viem'
import { bigintToAddress, chunkLayout, computeRoot, denseProof, exitLeafHash, type ExitLeaf } from '../../../protocol/index.ts'
import { L1InconsistencyError, NotFinalizedError, NotFoundError } from '../errors.ts'
import type { RollupNode } from '../rollupNode.ts'

/**
 * The arguments of `claimExit(batch, chunk, position, recipient, tokenId, amount, siblings, txListCommitment)`
 * for the exit (withdrawal, forced withdrawal or refund) at `position` of chunk `chunk` of a
 * finalized batch, rebuilt from the node's replay and checked against the chunk's exit root.
 * Throws `NotFinalizedError` before finalization and `NotFoundError` where there is no exit.
 *
 * @example
 * ```ts
 * const { args } = getExitProof(node, { batch: 3n, chunk: 0, position: 5 })
 * await walletClient.writeContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'claimExit', args })
 * ```
 */
export function getExitProof(
  node: RollupNode,
  params: { batch: bigint; chunk: number; position: number },
): { exit: ExitLeaf; args: readonly [bigint, bigint, bigint, Address, bigint, bigint, readonly bigint[], bigint] } {
  const { store, identity } = node.context
  const b = store.batch(params.batch)
  if (!b || b.status !== 'applied') throw new NotFoundError({ what: `applied batch ${params.batch}` })
  if (!b.finalized) throw new NotFinalizedError({ batch: params.batch })
  const chunk = store.chunks(params.batch)[params.chunk]
  if (!chunk) throw new NotFoundError({ what: `chunk ${params.chunk} of batch ${params.batch}` })
  const exits = store.exits(params.batch, params.chunk)
  const exit = exits.find((e) => e.position === params.position)
  if (!exit) throw new NotFoundError({ what: `exit at position ${params.position} of batch ${params.batch} chunk ${params.chunk}` })
  const p = identity.params
  const leaves = new Array<bigint>(p.nQueue + p.nTx).fill(0n)
  for (const e of exits) leaves[e.position] = exitLeafHash(e)
  const depth = chunkLayout(p).exitDepth
  const siblings = denseProof(leaves, params.position, depth)
  if (computeRoot({ leaf: leaves[params.position]!, index: BigInt(params.position), siblings }) !== chunk.publicInputs[4]) {
    throw new L1InconsistencyError({ message: `the stored exits of batch ${params.batch} chunk ${params.chunk} do not give its exit root` })
  }
  return { exit, args: [params.batch, BigInt(params.chunk), BigInt(params.position), bigintToAddress(exit.recipient), exit.tokenId, exit.amount, siblings, chunk.publicInputs[5]!] }
}

/**
 * Every exit of a batch's chunks, by chunk, from the node's replay.
 *
 * @example
 * ```ts
 * listExits(node, { batch: 3n }).filter((e) => e.recipient === me)
 * ```
 */
export function listExits(node: RollupNode, params: { batch: bigint }): (ExitLeaf & { chunk: number })[] {
  const { store } = node.context
  return store.chunks(params.batch).flatMap((c) => store.exits(params.batch, c.chunk).map((e) => ({ ...e, chunk: c.chunk })))
}
