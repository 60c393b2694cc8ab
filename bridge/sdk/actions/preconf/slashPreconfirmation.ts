import { parseEventLogs, type Address } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi, preconfirmationSlasherAbi } from '../../../../l1-contracts/index.ts'
import { preconfirmationSlashArgs } from '../../../../sequencer/index.ts'
import type { L1Client } from '../../client/types.ts'
import { NotSlashableError } from '../../errors/NotSlashableError.ts'
import { writeRollup, type L1ActionResult } from '../l1/writeRollup.ts'
import type { PreconfirmationCheck } from './checkPreconfirmation.ts'

/**
 * The `PreconfirmationSlasher` call that punishes a broken promise found by
 * `checkPreconfirmation`: `slashReordered(pre, opening)` or `slashMissed(pre, firstSeq,
 * txCount, root, chunkInputs)` (the last committed chunk's public inputs, `[]` before any), with the preconfirmation in the slasher's struct (the sequencer's
 * `preconfirmationSlashArgs`) and the opening the node served (l1-contracts' `TxListOpening`).
 * Ready for viem's `writeContract` / `simulateContract` with the slasher's address. Throws
 * {@link NotSlashableError} when the check is not slashable.
 *
 * @example
 * ```ts
 * const call = preconfirmationSlashCall({ check })
 * await wallet.writeContract({ address: await getSlasherAddress(l1, { rollup }), ...call })
 * ```
 */
export function preconfirmationSlashCall(params: { check: PreconfirmationCheck }) {
  const { check } = params
  const { signed } = check
  if (!check.slashable || !signed) throw new NotSlashableError({ verdict: check.verdict, message: `the preconfirmation is ${check.verdict}, not slashable now: ${check.reason}` })
  const pre = preconfirmationSlashArgs(signed)
  if (check.verdict === 'reordered' && check.opening) {
    return { abi: preconfirmationSlasherAbi, functionName: 'slashReordered' as const, args: [pre, check.opening] as const }
  }
  if (check.verdict === 'missed' && check.lastChunk) {
    const { firstSeq, txCount, root, publicInputs } = check.lastChunk
    return { abi: preconfirmationSlasherAbi, functionName: 'slashMissed' as const, args: [pre, firstSeq, txCount, root, publicInputs] as const }
  }
  throw new NotSlashableError({ verdict: check.verdict, message: `a ${check.verdict} preconfirmation has no slashing call` })
}

/**
 * The rollup's `PreconfirmationSlasher` (`slasher()` on the rollup contract).
 *
 * @example
 * ```ts
 * const slasher = await getSlasherAddress(publicClient, { rollup })
 * ```
 */
export function getSlasherAddress(l1: L1Client, params: { rollup: Address }): Promise<Address> {
  return readContract(l1, { address: params.rollup, abi: counterweightRollupAbi, functionName: 'slasher' })
}

/** What {@link slashPreconfirmation} returns: the L1 transaction and what the slasher took. */
export interface SlashResult extends L1ActionResult {
  /** Taken from the sequencer's bond; half of it is owed to the reporter (`withdrawOwed`). */
  amount: bigint
  reason: 'reordered' | 'missed'
}

/**
 * Sends the slashing claim for a broken preconfirmation from the wallet (`l1`, with an
 * account): simulates first (an L1 refusal such as `AlreadySlashed` throws `L1RevertedError`
 * naming it, nothing is sent), sends, waits, and reads the `PreconfirmationSlashed` event.
 * Half of `amount` is then owed to the wallet by the rollup (`withdrawOwed`).
 *
 * @example
 * ```ts
 * const c = await checkPreconfirmation(publicClient, { preconfirmation: json, node, rollup, chainId })
 * const { amount } = await slashPreconfirmation(walletClient, { rollup, check: c })
 * ```
 */
export async function slashPreconfirmation(l1: L1Client, params: { rollup: Address; chainId?: bigint; check: PreconfirmationCheck }): Promise<SlashResult> {
  const call = preconfirmationSlashCall({ check: params.check })
  const slasher = await getSlasherAddress(l1, { rollup: params.rollup })
  const result = await writeRollup(l1, { rollup: params.rollup, ...(params.chainId !== undefined ? { chainId: params.chainId } : {}), address: slasher, abi: call.abi, functionName: call.functionName, args: call.args })
  const [event] = parseEventLogs({ abi: preconfirmationSlasherAbi, eventName: 'PreconfirmationSlashed', logs: result.receipt.logs })
  return { ...result, amount: event?.args.amount ?? 0n, reason: call.functionName === 'slashReordered' ? 'reordered' : 'missed' }
}
