import type { Address, Hex, TransactionReceipt } from 'viem'
import { getChainId, simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import { ChainMismatchError } from '../../errors/ChainMismatchError.ts'
import { fromContractError } from '../../errors/fromContractError.ts'
import { MissingParameterError } from '../../errors/MissingParameterError.ts'
import type { L1Client } from '../../client/types.ts'
import { queuedEntryOf, type QueuedEntry } from './queuedEntryOf.ts'

/** What an L1 action returns. */
export interface L1ActionResult {
  hash: Hex
  receipt: TransactionReceipt
  /** The queue entry it added, for queue operations (deposits, set-key, forced operations). */
  queued: QueuedEntry | undefined
}

/**
 * Sends one call of the rollup contract from an L1 wallet client: checks the chain, simulates
 * (a revert throws `L1RevertedError` naming the contract error, nothing is sent), sends, waits
 * for the receipt and reads the queue entry it added, if any.
 *
 * @example
 * ```ts
 * const { queued } = await writeRollup(walletClient, { rollup, functionName: 'forcedWithdraw', args: [1n, 10n], value: fee })
 * ```
 */
export async function writeRollup(
  l1: L1Client,
  params: { rollup: Address; chainId?: bigint; functionName: string; args: readonly unknown[]; value?: bigint; address?: Address; abi?: readonly unknown[] },
): Promise<L1ActionResult> {
  const { functionName } = params
  if (!l1.account) throw new MissingParameterError({ parameter: 'account', action: functionName, hint: 'use an L1 wallet client with an account (createWalletClient({ account, chain, transport })).' })
  if (params.chainId !== undefined) {
    const actual = BigInt(l1.chain?.id ?? (await getChainId(l1)))
    if (actual !== params.chainId) throw new ChainMismatchError({ expected: params.chainId, actual, what: 'the L1 wallet client' })
  }
  let hash: Hex
  try {
    const { request } = await simulateContract(l1, {
      account: l1.account,
      address: params.address ?? params.rollup,
      abi: params.abi ?? counterweightRollupAbi,
      functionName,
      args: params.args,
      ...(params.value !== undefined ? { value: params.value } : {}),
    } as never)
    hash = await writeContract(l1, request as never)
  } catch (error) {
    throw fromContractError({ error, functionName })
  }
  const receipt = await waitForTransactionReceipt(l1, { hash })
  if (receipt.status !== 'success') throw fromContractError({ error: new Error(`transaction ${hash} reverted`), functionName })
  return { hash, receipt, queued: queuedEntryOf({ receipt, rollup: params.rollup }) }
}
