import type { Address } from 'viem'
import type { L1Client } from '../../client/types.ts'
import type { EscapeProof } from './EscapeProof.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * In escape mode, pays an account's whole finalized balance to its owner on L1
 * (`escapeWithdraw`), from a proof of the frozen state (`getEscapeProof` from a node, or
 * `escapeWithdrawArgs` of l1-contracts over a state you rebuilt). Anyone may send it; once
 * per account. Reverts with `EscapeModeInactive` before escape mode (`activateEscapeMode`).
 *
 * @example
 * ```ts
 * await escapeWithdraw(walletClient, { rollup, proof: await getEscapeProof(nodeClient, { index: 1n }) })
 * ```
 */
export function escapeWithdraw(l1: L1Client, params: { rollup: Address; chainId?: bigint; proof: Pick<EscapeProof, 'args'> }): Promise<L1ActionResult> {
  return writeRollup(l1, { ...params, functionName: 'escapeWithdraw', args: params.proof.args })
}
