import { escapeWithdrawArgs } from '../../../l1-contracts/index.ts'
import { NotFoundError } from '../errors.ts'
import type { RollupNode } from '../rollupNode.ts'
import { stateAt } from './stateAt.ts'

/**
 * The arguments of `escapeWithdraw(accountIndex, leaf, accountRoot, nextIndex, siblings)` for
 * account `index`, from the finalized state (the one escape mode freezes), rebuilt from public
 * L1 data only. Anyone may send it; the contract pays the leaf's owner. Throws `NotFoundError`
 * for an empty index.
 *
 * @example
 * ```ts
 * const { args } = getEscapeProof(node, { index: 7n })
 * await walletClient.writeContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'escapeWithdraw', args })
 * ```
 */
export function getEscapeProof(node: RollupNode, params: { index: bigint }): { batch: bigint; stateRoot: bigint; args: ReturnType<typeof escapeWithdrawArgs> } {
  const { state, batch } = stateAt(node, { at: 'finalized' })
  if (params.index < 1n || params.index >= state.nextIndex || !state.get(params.index)) throw new NotFoundError({ what: `account ${params.index} in the finalized state` })
  return { batch, stateRoot: state.root, args: escapeWithdrawArgs({ state, index: params.index }) }
}
