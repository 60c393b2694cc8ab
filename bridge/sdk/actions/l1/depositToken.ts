import { erc20Abi, type Address, type Hex } from 'viem'
import { readContract } from 'viem/actions'
import { counterweightRollupAbi } from '../../../../l1-contracts/index.ts'
import type { L2Key, Point } from '../../../../protocol/index.ts'
import type { L1Client } from '../../client/types.ts'
import { L1RevertedError } from '../../errors/L1RevertedError.ts'
import { getQueueFee } from './getQueueFee.ts'
import { writeRollup, type L1ActionResult } from './writeRollup.ts'

/**
 * Deposits an ERC-20 token listed on the rollup (`depositToken`): approves the rollup for
 * `amount` first when the allowance is short, then deposits, paying `queueFee()` in ETH. To a
 * new account (`toIndex` 0) registered with `key`, or to an existing account of that token.
 * The account is credited with what arrives (fee-on-transfer tokens work).
 *
 * @example
 * ```ts
 * const { queued, approval } = await depositToken(walletClient, { rollup, token, amount: 1000n, key })
 * ```
 */
export async function depositToken(
  l1: L1Client,
  params: { rollup: Address; chainId?: bigint; token: Address; amount: bigint; toIndex?: bigint; key?: L2Key; publicKey?: Point },
): Promise<L1ActionResult & { tokenId: bigint; approval: Hex | undefined }> {
  const tokenId = await readContract(l1, { address: params.rollup, abi: counterweightRollupAbi, functionName: 'tokenIdOf', args: [params.token] })
  if (tokenId === 0n) throw new L1RevertedError({ functionName: 'depositToken', errorName: 'UnknownToken', args: [0n], message: `token ${params.token} is not listed on the rollup` })
  let approval: Hex | undefined
  const owner = l1.account?.address
  if (owner) {
    const allowance = await readContract(l1, { address: params.token, abi: erc20Abi, functionName: 'allowance', args: [owner, params.rollup] })
    if (allowance < params.amount) {
      approval = (await writeRollup(l1, { ...params, address: params.token, abi: erc20Abi, functionName: 'approve', args: [params.rollup, params.amount] })).hash
    }
  }
  const pk = params.publicKey ?? params.key?.publicKey ?? { x: 0n, y: 0n }
  const fee = await getQueueFee(l1, params)
  const result = await writeRollup(l1, { ...params, functionName: 'depositToken', args: [tokenId, params.amount, params.toIndex ?? 0n, pk.x, pk.y], value: fee })
  return { ...result, tokenId, approval }
}
