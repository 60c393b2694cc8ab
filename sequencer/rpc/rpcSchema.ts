import type { AccountJson } from './format/accountJson.ts'
import type { EthBlockJson, EthReceiptJson, EthTransactionJson } from './format/ethJson.ts'
import type { PreconfirmationJson } from './format/preconfirmationJson.ts'
import type { SignedTxJson } from './format/signedTxJson.ts'

type Hex = `0x${string}`
/** A block parameter: number, tag, or (for state queries) hash. */
export type BlockParameter = Hex | 'latest' | 'pending' | 'safe' | 'finalized' | 'earliest' | { blockHash: Hex } | { blockNumber: Hex }

/** What `rollup_status` answers: every head of the pipeline (batch heads are null in this phase). */
export interface StatusJson {
  chainId: Hex
  l2ChainId: Hex
  rollup: Hex
  sequencer: Hex
  version: string
  /** Last sequence number given out. */
  acceptedSequence: Hex
  /** Last durable sequence number. */
  preconfirmedSequence: Hex
  sealedBlock: { number: Hex; hash: Hex; timestamp: Hex; firstSequence: Hex; transactionCount: Hex }
  queue: { applied: Hex; pending: Hex | null; oldestPendingAgeSeconds: Hex | null }
  committedBatch: Hex | null
  provenBatch: Hex | null
  finalizedBatch: Hex | null
  pending: { verifying: Hex; parked: Hex; sequencing: Hex; total: Hex }
  uptimeSeconds: Hex
}

/**
 * The typed schema of every JSON-RPC method the sequencer serves, in viem's `RpcSchema`
 * form, for the SDK: `createPublicClient({ transport: http(url), rpcSchema:
 * rpcSchema<CounterweightRpcSchema>() })` types `client.request` end to end.
 *
 * @example
 * ```ts
 * import { createPublicClient, http, rpcSchema } from 'viem'
 * const client = createPublicClient({ transport: http(url), rpcSchema: rpcSchema<CounterweightRpcSchema>() })
 * const account = await client.request({ method: 'rollup_getAccount', params: ['0x1'] }) // AccountJson | null
 * ```
 */
export type CounterweightRpcSchema = [
  { Method: 'eth_chainId'; Parameters?: []; ReturnType: Hex },
  { Method: 'net_version'; Parameters?: []; ReturnType: string },
  { Method: 'web3_clientVersion'; Parameters?: []; ReturnType: string },
  { Method: 'eth_blockNumber'; Parameters?: []; ReturnType: Hex },
  { Method: 'eth_syncing'; Parameters?: []; ReturnType: false },
  { Method: 'eth_getBalance'; Parameters: [address: Hex] | [address: Hex, block: BlockParameter]; ReturnType: Hex },
  { Method: 'eth_getTransactionCount'; Parameters: [address: Hex] | [address: Hex, block: BlockParameter]; ReturnType: Hex },
  { Method: 'eth_getBlockByNumber'; Parameters: [block: BlockParameter] | [block: BlockParameter, hydrated: boolean]; ReturnType: EthBlockJson | null },
  { Method: 'eth_getBlockByHash'; Parameters: [hash: Hex] | [hash: Hex, hydrated: boolean]; ReturnType: EthBlockJson | null },
  { Method: 'eth_getTransactionByHash'; Parameters: [hash: Hex]; ReturnType: EthTransactionJson | null },
  { Method: 'eth_getTransactionReceipt'; Parameters: [hash: Hex]; ReturnType: EthReceiptJson | null },
  { Method: 'rollup_sendTransaction'; Parameters: [transaction: SignedTxJson]; ReturnType: PreconfirmationJson },
  { Method: 'rollup_getPreconfirmation'; Parameters: [txHashOrSequence: Hex]; ReturnType: PreconfirmationJson | null },
  { Method: 'rollup_getAccount'; Parameters: [index: Hex]; ReturnType: AccountJson | null },
  { Method: 'rollup_getAccountsByOwner'; Parameters: [owner: Hex] | [owner: Hex, tokenId: Hex]; ReturnType: AccountJson[] },
  { Method: 'rollup_status'; Parameters?: []; ReturnType: StatusJson },
  /** WebSocket only; notifications: `rollup_subscription` with `{ subscription, result: PreconfirmationJson | EthBlockJson }`. */
  { Method: 'rollup_subscribe'; Parameters: [kind: 'preconfirmations' | 'blocks']; ReturnType: Hex },
  { Method: 'rollup_unsubscribe'; Parameters: [subscription: Hex]; ReturnType: boolean },
]

/** Name of a method of {@link CounterweightRpcSchema}. */
export type RpcMethodName = CounterweightRpcSchema[number]['Method']

/**
 * Every method name of {@link CounterweightRpcSchema}, at run time (a test checks it equals
 * the methods the server answers).
 *
 * @example
 * ```ts
 * RPC_METHOD_NAMES.includes('rollup_status') // true
 * ```
 */
export const RPC_METHOD_NAMES = [
  'eth_chainId',
  'net_version',
  'web3_clientVersion',
  'eth_blockNumber',
  'eth_syncing',
  'eth_getBalance',
  'eth_getTransactionCount',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
  'rollup_sendTransaction',
  'rollup_getPreconfirmation',
  'rollup_getAccount',
  'rollup_getAccountsByOwner',
  'rollup_status',
  'rollup_subscribe',
  'rollup_unsubscribe',
] as const satisfies readonly RpcMethodName[]

// Compile-time: every schema method is listed.
type Missing = Exclude<RpcMethodName, (typeof RPC_METHOD_NAMES)[number]>
const _complete: Missing extends never ? true : Missing = true
void _complete
