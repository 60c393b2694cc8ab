import type { RpcMethod } from '../RpcMethod.ts'
import { ethBlockNumber } from './ethBlockNumber.ts'
import { ethChainId } from './ethChainId.ts'
import { ethGetBalance } from './ethGetBalance.ts'
import { ethGetBlockByHash } from './ethGetBlockByHash.ts'
import { ethGetBlockByNumber } from './ethGetBlockByNumber.ts'
import { ethGetTransactionByHash } from './ethGetTransactionByHash.ts'
import { ethGetTransactionCount } from './ethGetTransactionCount.ts'
import { ethGetTransactionReceipt } from './ethGetTransactionReceipt.ts'
import { ethSyncing } from './ethSyncing.ts'
import { netVersion } from './netVersion.ts'
import { rollupGetAccount } from './rollupGetAccount.ts'
import { rollupGetAccountsByOwner } from './rollupGetAccountsByOwner.ts'
import { rollupGetBatch } from './rollupGetBatch.ts'
import { rollupGetForcedInclusionStatus } from './rollupGetForcedInclusionStatus.ts'
import { rollupGetWithdrawalProof } from './rollupGetWithdrawalProof.ts'
import { rollupGetPreconfirmation } from './rollupGetPreconfirmation.ts'
import { rollupGetTransactionSignatures } from './rollupGetTransactionSignatures.ts'
import { rollupSendTransaction } from './rollupSendTransaction.ts'
import { rollupStatus } from './rollupStatus.ts'
import { rollupSubscribe, rollupUnsubscribe } from './rollupSubscribe.ts'
import { web3ClientVersion } from './web3ClientVersion.ts'

/**
 * Every method the server answers, by name (the runtime side of `RpcSchema`).
 *
 * @example
 * ```ts
 * Object.keys(RPC_METHODS) // ['eth_chainId', 'net_version', …]
 * ```
 */
export const RPC_METHODS: Readonly<Record<string, RpcMethod>> = Object.fromEntries(
  [
    ethChainId,
    netVersion,
    web3ClientVersion,
    ethBlockNumber,
    ethSyncing,
    ethGetBalance,
    ethGetTransactionCount,
    ethGetBlockByNumber,
    ethGetBlockByHash,
    ethGetTransactionByHash,
    ethGetTransactionReceipt,
    rollupSendTransaction,
    rollupGetPreconfirmation,
    rollupGetTransactionSignatures,
    rollupGetAccount,
    rollupGetAccountsByOwner,
    rollupGetBatch,
    rollupGetWithdrawalProof,
    rollupGetForcedInclusionStatus,
    rollupStatus,
    rollupSubscribe,
    rollupUnsubscribe,
  ].map((m) => [m.name, m]),
)
