import type { AccountJson } from './format/accountJson.ts'
import type { BatchJson, ExitProofJson } from './format/batchJson.ts'
import type { EthBlockJson, EthReceiptJson, EthTransactionJson } from './format/ethJson.ts'
import type { PreconfirmationJson } from './format/preconfirmationJson.ts'
import type { SignedTxJson } from './format/signedTxJson.ts'
import type { TxListOpeningResultJson } from './format/txListOpeningJson.ts'
import type { TransactionSignatureJson } from './methods/rollupGetTransactionSignatures.ts'

type Hex = `0x${string}`
/** A block parameter: number, tag, or (for state queries) hash. */
export type BlockParameter = Hex | 'latest' | 'pending' | 'safe' | 'finalized' | 'earliest' | { blockHash: Hex } | { blockNumber: Hex }

/** What `rollup_getWithdrawalProof` answers: the batch and chunk, the exit and the `claimExit` arguments. */
export interface WithdrawalProofJson extends ExitProofJson {
  batch: Hex
  chunk: Hex
}

/** What `rollup_getForcedInclusionStatus` answers for an L1 queue entry. */
export interface ForcedInclusionStatusJson {
  position: Hex
  /** The entry's flat fields (`kind, sender, index, tokenId, toIndex, amount, pubKeyX, pubKeyY`); null while pending. */
  entry: Record<'kind' | 'sender' | 'index' | 'tokenId' | 'toIndex' | 'amount' | 'pubKeyX' | 'pubKeyY', Hex> | null
  /** Unix seconds of the L1 block that added it. */
  l1Time: Hex | null
  /** `l1Time + inclusionDelay`: a commit leaving it unconsumed after this is refused by L1. */
  deadline: Hex | null
  status: 'pending' | 'ingested' | 'batched' | 'committed' | 'proven' | 'finalized'
  batch: Hex | null
}

/** What `rollup_status` answers: every head of the pipeline (L1 heads are null when the sequencer does not follow L1). */
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
  queue: {
    /** Entries applied to the sequencer's state. */
    applied: Hex
    /** Entries L1 holds (at the confirmed head). */
    l1Length: Hex | null
    /** Entries consumed by committed batches. */
    consumed: Hex | null
    /** Entries on L1 not yet consumed by a committed batch. */
    pending: Hex | null
    /** Age of the oldest of them. */
    oldestPendingAgeSeconds: Hex | null
    /** The contract's inclusion delay, to compare the age with. */
    inclusionDelaySeconds: Hex | null
  }
  committedBatch: Hex | null
  provenBatch: Hex | null
  finalizedBatch: Hex | null
  pending: { verifying: Hex; parked: Hex; sequencing: Hex; total: Hex }
  uptimeSeconds: Hex
  /** The batcher's phase: `starting` while it rebuilds its state after a start (transactions are taken meanwhile), `ready`, `failed`; null without L1. */
  batcher: 'starting' | 'ready' | 'failed' | null
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
  { Method: 'rollup_getTransactionSignatures'; Parameters: [firstSequence: Hex, count: Hex]; ReturnType: TransactionSignatureJson[] },
  { Method: 'rollup_getAccount'; Parameters: [index: Hex]; ReturnType: AccountJson | null },
  { Method: 'rollup_getAccountsByOwner'; Parameters: [owner: Hex] | [owner: Hex, tokenId: Hex]; ReturnType: AccountJson[] },
  { Method: 'rollup_getBatch'; Parameters: [number: Hex]; ReturnType: BatchJson | null },
  { Method: 'rollup_getWithdrawalProof'; Parameters: [txHash: Hex] | [batch: Hex, chunk: Hex, position: Hex]; ReturnType: WithdrawalProofJson },
  { Method: 'rollup_getForcedInclusionStatus'; Parameters: [position: Hex]; ReturnType: ForcedInclusionStatusJson | null },
  { Method: 'rollup_status'; Parameters?: []; ReturnType: StatusJson },
  /** WebSocket only; notifications: `rollup_subscription` with `{ subscription, result: PreconfirmationJson | EthBlockJson }`. */
  { Method: 'rollup_subscribe'; Parameters: [kind: 'preconfirmations' | 'blocks']; ReturnType: Hex },
  { Method: 'rollup_unsubscribe'; Parameters: [subscription: Hex]; ReturnType: boolean },
]

/**
 * Methods only the node (`sequencer/node/`) serves, typed in viem's `RpcSchema` form: a
 * client of a node uses `[...CounterweightRpcSchema, ...NodeOnlyRpcSchema]` (the SDK's
 * `BridgeRpcSchema` does).
 *
 * @example
 * ```ts
 * const node = createPublicClient({ transport: http(nodeUrl), rpcSchema: rpcSchema<[...CounterweightRpcSchema, ...NodeOnlyRpcSchema]>() })
 * const { opening } = await node.request({ method: 'rollup_getTxListOpening', params: ['0x2a'] })
 * ```
 */
export type NodeOnlyRpcSchema = [
  { Method: 'rollup_getTxListOpening'; Parameters: [sequence: Hex]; ReturnType: TxListOpeningResultJson },
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
  'rollup_getTransactionSignatures',
  'rollup_getAccount',
  'rollup_getAccountsByOwner',
  'rollup_getBatch',
  'rollup_getWithdrawalProof',
  'rollup_getForcedInclusionStatus',
  'rollup_status',
  'rollup_subscribe',
  'rollup_unsubscribe',
] as const satisfies readonly RpcMethodName[]

// Compile-time: every schema method is listed.
type Missing = Exclude<RpcMethodName, (typeof RPC_METHOD_NAMES)[number]>
const _complete: Missing extends never ? true : Missing = true
void _complete
