import { CounterweightError } from './CounterweightError.ts'

/**
 * A client is on another chain than the deployment: the L1 wallet client's chain (or the
 * chain its endpoint reports) is not the rollup's `chainId`. Nothing was sent.
 *
 * @example
 * ```ts
 * try { await depositEth(walletClient, { rollup, chainId: 1n, amount }) } catch (e) {
 *   if (e instanceof ChainMismatchError) await walletClient.switchChain({ id: Number(e.expected) })
 * }
 * ```
 */
export class ChainMismatchError extends CounterweightError {
  override name = 'ChainMismatchError' as const
  declare readonly code: 'CHAIN_MISMATCH'
  readonly expected: bigint
  readonly actual: bigint
  constructor(params: { expected: bigint; actual: bigint; what: string }) {
    super({
      code: 'CHAIN_MISMATCH',
      message: `${params.what} is on chain ${params.actual}, the rollup is on chain ${params.expected}`,
      hint: `switch ${params.what} to chain ${params.expected}, or configure the SDK with the rollup deployed on chain ${params.actual}.`,
    })
    this.expected = params.expected
    this.actual = params.actual
  }
}
