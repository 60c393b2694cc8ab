import type { Address, Hex } from 'viem'
import type { L2Key, L2Tx, Point } from '../../../protocol/index.ts'
import type { SignedL2Tx } from '../../../protocol/index.ts'
import { MissingParameterError } from '../errors/MissingParameterError.ts'
import { deriveWalletL2Key } from '../actions/keys/deriveWalletL2Key.ts'
import { getAccount } from '../actions/accounts/getAccount.ts'
import { getAccountsByOwner } from '../actions/accounts/getAccountsByOwner.ts'
import { getL2Balance } from '../actions/accounts/getL2Balance.ts'
import { getL2TransactionCount } from '../actions/accounts/getL2TransactionCount.ts'
import { waitForAccount } from '../actions/accounts/waitForAccount.ts'
import { transfer } from '../actions/l2/transfer.ts'
import { transferToL1 } from '../actions/l2/transferToL1.ts'
import { withdraw } from '../actions/l2/withdraw.ts'
import { sendL2Transaction } from '../actions/l2/sendL2Transaction.ts'
import { signL2Transaction } from '../actions/l2/signL2Transaction.ts'
import { getPreconfirmation } from '../actions/l2/getPreconfirmation.ts'
import type { L2TransactionParams } from '../actions/l2/prepareL2Transaction.ts'
import { depositEth } from '../actions/l1/depositEth.ts'
import { depositToken } from '../actions/l1/depositToken.ts'
import { setL2Key } from '../actions/l1/setL2Key.ts'
import { forcedTransfer } from '../actions/l1/forcedTransfer.ts'
import { forcedWithdraw } from '../actions/l1/forcedWithdraw.ts'
import { claimWithdrawal } from '../actions/l1/claimWithdrawal.ts'
import { claimWithdrawalByRef } from '../actions/l1/claimWithdrawalByRef.ts'
import { escapeWithdraw } from '../actions/l1/escapeWithdraw.ts'
import { getEscapeProof } from '../actions/l1/getEscapeProof.ts'
import { refundDeposit } from '../actions/l1/refundDeposit.ts'
import { withdrawOwed } from '../actions/l1/withdrawOwed.ts'
import { activateEscapeMode } from '../actions/l1/activateEscapeMode.ts'
import { getQueueEntry } from '../actions/l1/getQueueEntry.ts'
import { getWithdrawalProof } from '../actions/l1/getWithdrawalProof.ts'
import type { WithdrawalProof } from '../actions/l1/WithdrawalProof.ts'
import type { EscapeProof } from '../actions/l1/EscapeProof.ts'
import { getRollupHeads } from '../actions/status/getRollupHeads.ts'
import { getBatchStatus } from '../actions/status/getBatchStatus.ts'
import type { BatchStage } from '../actions/status/batchStageReached.ts'
import { getQueueEntryStatus } from '../actions/status/getQueueEntryStatus.ts'
import { getWithdrawalStatus, type WithdrawalRef } from '../actions/status/getWithdrawalStatus.ts'
import type { WithdrawalStage } from '../actions/status/withdrawalStageReached.ts'
import { waitForWithdrawal } from '../actions/status/waitForWithdrawal.ts'
import { waitForBatch } from '../actions/status/waitForBatch.ts'
import type { BlobGetter } from '../actions/status/BatchDataSource.ts'
import type { L1Client, SequencerClient } from './types.ts'

/** What {@link counterweightActions} needs to know about the deployment and L1. */
export interface CounterweightConfig {
  /** The rollup contract on L1. */
  rollup: Address
  /** The L1 chain id (part of every L2 signature and preconfirmation). */
  chainId: bigint | number
  /** A client on L1: a wallet client (with an account) for the L1 actions, or a public client for reads and waits. */
  l1?: L1Client
  /** Who must sign preconfirmations; default: the rollup contract's `sequencer()`, read through `l1`. */
  sequencerAddress?: Address
  /** The rollup's deployment block: where L1 event scans start (default 0). */
  fromBlock?: bigint
  /** Blob source for locating L2 transactions in blob batches (e.g. the node's `rpcBlobSource`). */
  blobs?: BlobGetter
  /** Sequence number of the first transaction ever included (default 1, the sequencer's first). */
  firstSequence?: bigint
  /** A node serving `rollup_getEscapeProof` (and proofs); default: the client itself. */
  node?: SequencerClient
}

type L2Send = L2TransactionParams & { sequencerAddress?: Address }

/**
 * The Counterweight decorator for viem: `client.extend(counterweightActions(config))` on a
 * client of the sequencer adds every SDK action with the deployment filled in: keys,
 * accounts and balances, L2 transactions with checked preconfirmations, L1 queue operations,
 * claims, escape mode, and the status of batches, queue entries and withdrawals read from L1.
 * L1 actions use `config.l1`.
 *
 * @example
 * ```ts
 * import { createPublicClient, http, rpcSchema } from 'viem'
 * const client = createPublicClient({ transport: http(sequencerUrl), rpcSchema: rpcSchema<BridgeRpcSchema>() })
 *   .extend(counterweightActions({ rollup, chainId: 31337n, l1: walletClient }))
 * const key = await client.deriveL2Key()
 * await client.depositEth({ amount: parseEther('1'), key })
 * const { sequence } = await client.transfer({ key, owner: walletClient.account.address, to: 2n, amount: parseEther('0.1') })
 * ```
 */
export function counterweightActions(config: CounterweightConfig) {
  const rollup = config.rollup
  const chainId = BigInt(config.chainId)
  const deployment = { rollup, chainId }
  const scan = {
    ...(config.fromBlock !== undefined ? { fromBlock: config.fromBlock } : {}),
    ...(config.blobs ? { blobs: config.blobs } : {}),
    ...(config.firstSequence !== undefined ? { firstSequence: config.firstSequence } : {}),
  }
  const l1 = (action: string): L1Client => {
    if (!config.l1) throw new MissingParameterError({ parameter: 'l1', action, hint: 'pass `l1` (a wallet client on the rollup\'s L1 chain for L1 actions, a public client for reads) to counterweightActions.' })
    return config.l1
  }
  return (client: SequencerClient) => {
    const l2 = { ...deployment, ...(config.l1 ? { l1: config.l1 } : {}), ...(config.sequencerAddress ? { sequencerAddress: config.sequencerAddress } : {}) }
    return {
      // Keys
      deriveL2Key: (p: { keyIndex?: number } = {}) => deriveWalletL2Key(l1('deriveL2Key'), { ...deployment, ...p }),
      // Accounts
      getAccount: (p: { index: bigint }) => getAccount(client, p),
      getAccountsByOwner: (p: { owner: Address; tokenId?: bigint }) => getAccountsByOwner(client, p),
      getL2Balance: (p: { address: Address; tokenId?: bigint }) => getL2Balance(client, p),
      getL2TransactionCount: (p: { address: Address }) => getL2TransactionCount(client, p),
      waitForAccount: (p: Parameters<typeof waitForAccount>[1]) => waitForAccount(client, p),
      // L2 transactions
      transfer: (p: L2Send & { to: bigint }) => transfer(client, { ...l2, ...p }),
      transferToL1: (p: L2Send & { toAddress: Address }) => transferToL1(client, { ...l2, ...p }),
      withdraw: (p: L2Send & { recipient?: Address }) => withdraw(client, { ...l2, ...p }),
      signL2Transaction: (p: { tx: L2Tx; key: L2Key }) => signL2Transaction({ ...deployment, ...p }),
      sendL2Transaction: (p: { signed: SignedL2Tx; sequencerAddress?: Address }) => sendL2Transaction(client, { ...l2, ...p }),
      getPreconfirmation: (p: { txHash: Hex } | { sequence: bigint }) => getPreconfirmation(client, p),
      // L1 operations
      depositEth: (p: { amount: bigint; toIndex?: bigint; key?: L2Key; publicKey?: Point }) => depositEth(l1('depositEth'), { ...deployment, ...p }),
      depositToken: (p: { token: Address; amount: bigint; toIndex?: bigint; key?: L2Key; publicKey?: Point }) => depositToken(l1('depositToken'), { ...deployment, ...p }),
      setL2Key: (p: { index: bigint; key?: L2Key; publicKey?: Point }) => setL2Key(l1('setL2Key'), { ...deployment, ...p }),
      forcedTransfer: (p: { from: bigint; to: bigint; amount: bigint }) => forcedTransfer(l1('forcedTransfer'), { ...deployment, ...p }),
      forcedWithdraw: (p: { from: bigint; amount: bigint }) => forcedWithdraw(l1('forcedWithdraw'), { ...deployment, ...p }),
      /** With `proof`, claims it; with `ref`, checks finality, fetches the proof from the sequencer and claims. */
      claimWithdrawal: (p: { proof: WithdrawalProof } | { ref: WithdrawalRef }) =>
        'proof' in p ? claimWithdrawal(l1('claimWithdrawal'), { ...deployment, proof: p.proof }) : claimWithdrawalByRef(l1('claimWithdrawal'), { ...deployment, ...scan, ref: p.ref, proofs: client }),
      /** With `proof`, sends it; with `index`, fetches it from `config.node` (default: this client). */
      escapeWithdraw: async (p: { proof: Pick<EscapeProof, 'args'> } | { index: bigint }) =>
        escapeWithdraw(l1('escapeWithdraw'), { ...deployment, proof: 'proof' in p ? p.proof : await getEscapeProof(config.node ?? client, { index: p.index }) }),
      refundDeposit: (p: { position: bigint }) => refundDeposit(l1('refundDeposit'), { ...deployment, ...scan, ...p }),
      withdrawOwed: (p: { tokenId?: bigint; to?: Address } = {}) => withdrawOwed(l1('withdrawOwed'), { ...deployment, ...p }),
      activateEscapeMode: () => activateEscapeMode(l1('activateEscapeMode'), deployment),
      // Proofs
      getWithdrawalProof: (p: { batch: bigint; chunk: bigint; position: bigint }) => getWithdrawalProof(client, p),
      getEscapeProof: (p: { index: bigint }) => getEscapeProof(config.node ?? client, p),
      // Status and waiting (L1)
      getRollupHeads: () => getRollupHeads(l1('getRollupHeads'), { rollup }),
      getQueueEntry: (p: { position: bigint }) => getQueueEntry(l1('getQueueEntry'), { rollup, ...scan, ...p }),
      getQueueEntryStatus: (p: { position: bigint }) => getQueueEntryStatus(l1('getQueueEntryStatus'), { rollup, ...p }),
      getBatchStatus: (p: { batch: bigint }) => getBatchStatus(l1('getBatchStatus'), { rollup, ...p }),
      getWithdrawalStatus: (p: { ref: WithdrawalRef }) => getWithdrawalStatus(l1('getWithdrawalStatus'), { rollup, ...scan, ...p }),
      waitForWithdrawal: (p: { ref: WithdrawalRef; until?: WithdrawalStage; pollingIntervalMs?: number; timeoutMs?: number }) =>
        waitForWithdrawal(l1('waitForWithdrawal'), { rollup, ...scan, ...p }),
      waitForBatch: (p: { until?: BatchStage; pollingIntervalMs?: number; timeoutMs?: number } & ({ sequence: bigint } | { position: bigint })) =>
        waitForBatch(l1('waitForBatch'), { rollup, ...scan, ...p }),
    }
  }
}

/** The actions {@link counterweightActions} adds to a client. */
export type CounterweightActions = ReturnType<ReturnType<typeof counterweightActions>>
