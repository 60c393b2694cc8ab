import { fromRpcError } from '../errors/fromRpcError.ts'
import type { BridgeRpcSchema } from './bridgeRpcSchema.ts'
import type { SequencerClient } from './types.ts'

type Entry = BridgeRpcSchema[number]
type MethodName = Entry['Method']
type EntryOf<M extends MethodName> = Extract<Entry, { Method: M }>
type ParamsOf<M extends MethodName> = EntryOf<M> extends { Parameters?: infer P } ? P : never

/**
 * One typed JSON-RPC call to the sequencer or a node, by {@link BridgeRpcSchema}: failures
 * become the SDK's errors by their stable codes (see `fromRpcError`).
 *
 * @example
 * ```ts
 * const account = await sequencerRequest(client, { method: 'rollup_getAccount', params: ['0x1'] }) // AccountJson | null
 * ```
 */
export async function sequencerRequest<M extends MethodName>(client: SequencerClient, params: { method: M; params: ParamsOf<M> }): Promise<EntryOf<M>['ReturnType']> {
  try {
    return (await client.request({ method: params.method, params: params.params }, { retryCount: 0 })) as EntryOf<M>['ReturnType']
  } catch (error) {
    throw fromRpcError({ error, method: params.method })
  }
}
