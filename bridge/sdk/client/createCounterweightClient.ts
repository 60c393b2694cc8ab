import { createPublicClient, http, rpcSchema, type HttpTransportConfig } from 'viem'
import type { BridgeRpcSchema } from './bridgeRpcSchema.ts'
import { counterweightActions, type CounterweightConfig } from './counterweightActions.ts'

/**
 * A viem public client of the sequencer at `sequencerUrl`, typed with the Counterweight RPC
 * schema (`client.request` knows every `rollup_*` method) and extended with
 * {@link counterweightActions}. Viem's own public actions work too (`getBalance`,
 * `getBlock`, `waitForTransactionReceipt` answer from L2).
 *
 * @example
 * ```ts
 * const client = createCounterweightClient({ sequencerUrl: 'http://127.0.0.1:8547', rollup, chainId: 31337n, l1: walletClient })
 * await client.request({ method: 'rollup_status', params: [] })
 * await client.transfer({ key, owner, to: 2n, amount: 10n ** 15n })
 * ```
 */
export function createCounterweightClient(params: CounterweightConfig & { sequencerUrl: string; http?: HttpTransportConfig }) {
  const { sequencerUrl, http: httpConfig, ...config } = params
  return createPublicClient({ transport: http(sequencerUrl, { retryCount: 0, ...httpConfig }), rpcSchema: rpcSchema<BridgeRpcSchema>() }).extend(counterweightActions(config))
}
