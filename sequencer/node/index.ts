/**
 * The node: rebuilds the rollup's state from L1 alone (queue events, batch commitments and
 * the blobs or calldata behind them), checks every committed chunk against its claims, keeps
 * its own store so that a restart resumes, and answers reads, exit proofs and escape-mode
 * proofs from public data only. See docs/node.md.
 *
 * @example
 * ```ts
 * import { createNode, rpcBlobSource, getStateRoot, getEscapeProof } from './sequencer/node/index.ts'
 * const node = await createNode({ client, rollup, fromBlock, storePath: 'node.sqlite', blobs: rpcBlobSource({ client }) })
 * await node.sync()
 * getStateRoot(node).root
 * ```
 */
export { createNode } from './createNode.ts'
export { RollupNode, type SyncResult } from './rollupNode.ts'
export { silentLogger, type NodeContext, type NodeLogger, type NodeOptions } from './nodeContext.ts'
export {
  NodeError,
  RetryExhaustedError,
  BlobSourceError,
  L1ReadError,
  BadBatchError,
  L1InconsistencyError,
  StoreMismatchError,
  NotFoundError,
  NotFinalizedError,
  FinalizedNotAppliedError,
  NodeConfigError,
  L1ReorgTooDeepError,
  type NodeErrorSeverity,
  type BadBatchReason,
} from './errors.ts'
export { withRetry, type RetryPolicy } from './retry/withRetry.ts'
export type { BlobSource, BlobQuery } from './blobs/blobSource.ts'
export { rpcBlobSource, type JsonRpcRequester } from './blobs/rpcBlobSource.ts'
export { beaconBlobSource } from './blobs/beaconBlobSource.ts'
export { archiveBlobSource, archivedBlobPath, writeArchivedBlob } from './blobs/archiveBlobSource.ts'
export { fallbackBlobSource } from './blobs/fallbackBlobSource.ts'
export { versionedHashOf, blobVersionedHash } from './blobs/versionedHash.ts'
export { createL1Reader, type L1Reader, type BlockInfo, type RollupConfigView } from './l1/l1Reader.ts'
export { sortEvents, type RollupEvent, type EventLocation, type QueueEvent, type ChunkEvent, type BatchEvent, type FinalizedEvent, type RevertedEvent, type EscapeEvent } from './l1/rollupEvent.ts'
export { replayChunkFast, type ChunkReplay, type ChunkTx } from './replay/replayChunkFast.ts'
export { replayBatch, type ReplayedBatch, type ReplayedChunk, type ReplayChecks, type QueueView } from './replay/replayBatch.ts'
export { decodeBatchData, type BatchData, type DecodedBatch } from './replay/decodeBatchData.ts'
export { DeferredTree } from './replay/deferredTree.ts'
export { DeferredState } from './replay/deferredState.ts'
export { sparseDenseRoot } from './replay/sparseDenseRoot.ts'
export { NodeState, type BatchLayer, type StateDiff, type StateUndo } from './state/nodeState.ts'
export { RootMap } from './state/rootMap.ts'
export { NodeStore, type StoreIdentity, type StoredBatch, type StoredChunk, type StoredChunkTx, type StoredQueueEntry, type BatchStatus, type NodeReport } from './store/nodeStore.ts'
export { applyPendingBatches, type ApplyOutcome } from './sync/applyPendingBatches.ts'
export { recordEvents } from './sync/recordEvents.ts'
export { unwindReorg, type ReorgOutcome } from './sync/unwindReorg.ts'
export { fetchBatchData } from './sync/fetchBatchData.ts'
export { getAccount } from './read/getAccount.ts'
export { getAccountsByOwner } from './read/getAccountsByOwner.ts'
export { getStateRoot } from './read/getStateRoot.ts'
export { getBatch, type BatchView } from './read/getBatch.ts'
export { getExitProof, listExits } from './read/getExitProof.ts'
export { getEscapeProof } from './read/getEscapeProof.ts'
export { getDepositRefund, type DepositEntryArg } from './read/getDepositRefund.ts'
export { getTxListOpening, type TxListOpeningView, type TxListPreimage } from './read/getTxListOpening.ts'
export { getStatus, getReports, type NodeStatus } from './read/getStatus.ts'
export { stateAt, type StateTag } from './read/stateAt.ts'
export { accountView, type AccountView } from './read/accountView.ts'
export { createNodeRpcServer, nodeRpcBackend } from './rpc/createNodeRpcServer.ts'
export { NODE_RPC_METHODS } from './rpc/methods/index.ts'
export type { NodeRpcContext } from './rpc/NodeRpcContext.ts'
export { nodeRpcError, RESOURCE_NOT_FOUND } from './rpc/nodeRpcError.ts'
export { nodeBlock, nodeBlockByHash, findNodeBlock, headBlockNumber, stateTagOf, type NodeBlock } from './rpc/nodeBlocks.ts'
export type { BatchJson, ChunkJson, ExitJson } from './rpc/format/batchJson.ts'
export type { WithdrawalProofJson, EscapeProofJson, DepositRefundJson } from './rpc/format/proofJson.ts'
export type { NodeStatusJson } from './rpc/methods/nodeRollupStatus.ts'
export { parseNodeConfig, nodeConfigFromEnv, NODE_CONFIG_ENV, type NodeConfig } from './process/nodeConfig.ts'
export { startNodeProcess, type NodeProcess } from './process/startNodeProcess.ts'
