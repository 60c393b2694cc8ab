import { BaseError, ContractFunctionRevertedError } from 'viem'
import { CounterweightError } from './CounterweightError.ts'
import { L1RevertedError } from './L1RevertedError.ts'

/**
 * The SDK error for a failed rollup contract call: a revert becomes an {@link L1RevertedError}
 * naming the contract's custom error; SDK errors pass through; anything else (an unreachable
 * L1 endpoint, a wallet that refused) keeps viem's message in an {@link L1RevertedError}
 * without `errorName`.
 *
 * @example
 * ```ts
 * try { await writeContract(wallet, request) } catch (e) { throw fromContractError({ error: e, functionName: 'depositETH' }) }
 * ```
 */
export function fromContractError(params: { error: unknown; functionName: string }): CounterweightError {
  const { error, functionName } = params
  if (error instanceof CounterweightError) return error
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
    if (reverted instanceof ContractFunctionRevertedError) {
      return new L1RevertedError({ functionName, errorName: reverted.data?.errorName ?? undefined, args: reverted.data?.args ?? [], message: reverted.reason ?? reverted.shortMessage, cause: error })
    }
    return new L1RevertedError({ functionName, message: error.shortMessage, cause: error })
  }
  return new L1RevertedError({ functionName, message: String(error), cause: error })
}
