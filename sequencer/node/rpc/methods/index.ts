import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'
import { nodeEthBlockNumber } from './nodeEthBlockNumber.ts'
import { nodeEthChainId } from './nodeEthChainId.ts'
import { nodeEthGetBalance } from './nodeEthGetBalance.ts'
import { nodeEthGetBlockByHash } from './nodeEthGetBlockByHash.ts'
import { nodeEthGetBlockByNumber } from './nodeEthGetBlockByNumber.ts'
import { nodeEthGetTransactionCount } from './nodeEthGetTransactionCount.ts'
import { nodeEthSyncing } from './nodeEthSyncing.ts'
import { nodeNetVersion } from './nodeNetVersion.ts'
import { nodeRollupGetAccount } from './nodeRollupGetAccount.ts'
import { nodeRollupGetAccountsByOwner } from './nodeRollupGetAccountsByOwner.ts'
import { nodeRollupGetBatch } from './nodeRollupGetBatch.ts'
import { nodeRollupGetDepositRefund } from './nodeRollupGetDepositRefund.ts'
import { nodeRollupGetEscapeProof } from './nodeRollupGetEscapeProof.ts'
import { nodeRollupGetTxListOpening } from './nodeRollupGetTxListOpening.ts'
import { nodeRollupGetWithdrawalProof } from './nodeRollupGetWithdrawalProof.ts'
import { nodeRollupStatus } from './nodeRollupStatus.ts'
import { nodeWeb3ClientVersion } from './nodeWeb3ClientVersion.ts'

/**
 * Every method the node serves, by name (read-only: no `rollup_sendTransaction`, no
 * preconfirmations, no transactions by hash; the node keeps only each applied chunk's transaction hashes).
 *
 * @example
 * ```ts
 * Object.keys(NODE_RPC_METHODS) // ['eth_chainId', 'net_version', …, 'rollup_getDepositRefund']
 * ```
 */
export const NODE_RPC_METHODS: Readonly<Record<string, RpcMethod<NodeRpcContext>>> = Object.fromEntries(
  [
    nodeEthChainId,
    nodeNetVersion,
    nodeWeb3ClientVersion,
    nodeEthBlockNumber,
    nodeEthSyncing,
    nodeEthGetBalance,
    nodeEthGetTransactionCount,
    nodeEthGetBlockByNumber,
    nodeEthGetBlockByHash,
    nodeRollupGetAccount,
    nodeRollupGetAccountsByOwner,
    nodeRollupGetBatch,
    nodeRollupGetWithdrawalProof,
    nodeRollupStatus,
    nodeRollupGetEscapeProof,
    nodeRollupGetDepositRefund,
    nodeRollupGetTxListOpening,
  ].map((m) => [m.name, m]),
)
