/**
 * The `sequencer` module: the JSON-RPC server wallets and apps talk to, with durable, signed
 * preconfirmations. What other modules (the SDK in `bridge/`, the devnet, tests) use:
 * configuration, the sequencer itself, its RPC server, the typed RPC schema and JSON shapes,
 * the preconfirmation typed data and its verification, and the errors.
 *
 * @example
 * ```ts
 * import { configFromEnv, createSequencer, createRpcServer } from '../sequencer/index.ts'
 * const sequencer = await createSequencer({ config: configFromEnv(process.env) })
 * await createRpcServer({ sequencer }).listen({ port: 8547 })
 * ```
 */
export * from './config/index.ts'
export * from './errors/index.ts'
export * from './preconf/index.ts'
export { createSequencer, type Sequencer, type SequencerStatus, type SequencerL1 } from './createSequencer.ts'
export { Batcher, type BatcherStatus } from './batcher/Batcher.ts'
export { BatchStore } from './batcher/BatchStore.ts'
export type { BatchRecord, BatchStatus, ChunkRecord, ExitRecord, L1Inclusion } from './batcher/BatchRecord.ts'
export { QueueFollower, type FollowerStatus, type QueueSink } from './l1/QueueFollower.ts'
export type { L1Sender, L1Request, L1Receipt } from './l1/L1Sender.ts'
export type { BatchJson, ChunkJson, ExitProofJson } from './rpc/format/batchJson.ts'
export { WITHDRAWAL_PROOF_CODE } from './rpc/methods/rollupGetWithdrawalProof.ts'
export { createRpcServer } from './rpc/createRpcServer.ts'
export { handleJsonRpc, toJsonRpcError, type JsonRpcError, type JsonRpcResponse } from './rpc/handleJsonRpc.ts'
export { RPC_METHODS } from './rpc/methods/index.ts'
export type { RpcMethod } from './rpc/RpcMethod.ts'
export * from './rpc/rpcSchema.ts'
export { signedTxFromJson, signedTxToJson, TX_TYPE_NAMES, type SignedTxJson, type SignatureJson, type TxTypeName, type Quantity } from './rpc/format/signedTxJson.ts'
export { preconfirmationFromJson, preconfirmationToJson, type PreconfirmationJson } from './rpc/format/preconfirmationJson.ts'
export { txListOpeningFromJson, txListOpeningToJson, type TxListOpeningJson, type TxListOpeningResultJson, type TxListPreimageJson } from './rpc/format/txListOpeningJson.ts'
export { accountToJson, type AccountJson } from './rpc/format/accountJson.ts'
export type { L2TxFields, EthBlockJson } from './rpc/format/ethJson.ts'
export type { AcceptedTx, MempoolStats } from './mempool/Mempool.ts'
export { MetricsRegistry, Counter, Gauge, Histogram } from './metrics/MetricsRegistry.ts'
export * from './l1/index.ts'
