import type { Address, Chain, Hex, PublicClient, Transport } from 'viem'

interface StructLog {
  depth: number
  gas: number
  gasCost: number
  op: string
}

/**
 * Execution gas of a call, from anvil's `debug_traceCall`: the gas the callee's code uses
 * (inner calls included), without the transaction's intrinsic cost (21,000 plus calldata).
 * A Solidity caller pays this plus the `CALL` itself (100 gas when the callee is warm, 2,600
 * when cold). Addresses in `accessList` start warm, e.g. to price a second call in the same
 * transaction. Throws if the call reverts.
 *
 * @example
 * ```ts
 * const data = encodeFunctionData({ abi: poseidonT3Abi, functionName: 'hash2', args: [1n, 2n] })
 * await measureCallGas({ publicClient: anvil.publicClient, to: address, data }) // ~10,500
 * ```
 */
export async function measureCallGas(params: {
  publicClient: PublicClient<Transport, Chain>
  to: Address
  data: Hex
  accessList?: readonly { address: Address; storageKeys: readonly Hex[] }[]
}): Promise<number> {
  const { publicClient, to, data, accessList } = params
  const trace = (await publicClient.request({
    method: 'debug_traceCall',
    params: [{ to, data, ...(accessList ? { accessList } : {}) }, 'latest', { disableStack: true, disableStorage: true, enableMemory: false }],
  } as never)) as { failed: boolean; returnValue: string; structLogs: StructLog[] }
  if (trace.failed) throw new Error(`call to ${to} reverted (${trace.returnValue || 'no data'})`)
  const top = trace.structLogs.filter((l) => l.depth === 1)
  const first = top[0]
  const last = top[top.length - 1]
  if (!first || !last) return 0
  return first.gas - last.gas + last.gasCost
}
