import { BaseError, ContractFunctionRevertedError, type Account, type Address, type Chain, type PublicClient, type TransactionReceipt, type Transport, type WalletClient } from 'viem'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'

/** A viem public client on any chain. */
export type L1PublicClient = PublicClient<Transport, Chain | undefined>
/** A viem wallet client with its account (the prover's key). */
export type L1WalletClient = WalletClient<Transport, Chain | undefined, Account>

/** The queue and batch heads (`heads()`). */
export interface RollupHeads {
  queueLength: bigint
  committedQueue: bigint
  finalizedQueue: bigint
  committedBatches: bigint
  finalizedBatches: bigint
  escapeMode: boolean
}

/** A committed batch as `batchInfo` returns it. */
export interface RollupBatchInfo {
  queueEnd: bigint
  committedAt: bigint
  chunkCount: number
  committer: Address
  stateRoot: bigint
}

/** What the prover reads from and sends to the rollup contract. */
export interface RollupContract {
  readonly address: Address
  read<T>(functionName: string, args?: readonly unknown[]): Promise<T>
  heads(): Promise<RollupHeads>
  batchInfo(batch: bigint): Promise<RollupBatchInfo>
  /** Whether a chunk is proven; else `value` is the hash of its public inputs. */
  chunkState(batch: bigint, chunk: number): Promise<{ proven: boolean; value: bigint }>
  /**
   * Simulates the call from the wallet's account, then sends it and waits for the receipt.
   * A simulation that reverts throws the viem error (see {@link revertName}).
   */
  send(functionName: string, args: readonly unknown[]): Promise<TransactionReceipt>
}

/**
 * Reads and writes of the rollup contract at `address`, always at the latest block (what a
 * transaction sent now will see).
 *
 * @example
 * ```ts
 * const rollup = rollupContract({ publicClient, walletClient, address })
 * const { committedBatches, finalizedBatches } = await rollup.heads()
 * ```
 */
export function rollupContract(params: { publicClient: L1PublicClient; walletClient?: L1WalletClient; address: Address }): RollupContract {
  const { publicClient, walletClient, address } = params
  const read = async <T>(functionName: string, args: readonly unknown[] = []): Promise<T> =>
    (await publicClient.readContract({ address, abi: counterweightRollupAbi, functionName, args } as never)) as T
  return {
    address,
    read,
    async heads() {
      const [queueLength, committedQueue, finalizedQueue, committedBatches, finalizedBatches, escapeMode] = await read<readonly [bigint, bigint, bigint, bigint, bigint, boolean]>('heads')
      return { queueLength, committedQueue, finalizedQueue, committedBatches, finalizedBatches, escapeMode }
    },
    async batchInfo(batch) {
      const [record, stateRoot] = await read<readonly [{ queueEnd: number | bigint; committedAt: number | bigint; chunkCount: number | bigint; committer: Address }, bigint, string]>('batchInfo', [batch])
      return { queueEnd: BigInt(record.queueEnd), committedAt: BigInt(record.committedAt), chunkCount: Number(record.chunkCount), committer: record.committer, stateRoot }
    },
    async chunkState(batch, chunk) {
      const [proven, value] = await read<readonly [boolean, bigint]>('chunkState', [batch, BigInt(chunk)])
      return { proven, value }
    },
    async send(functionName, args) {
      if (!walletClient) throw new TypeError(`rollupContract: ${functionName} needs a wallet client`)
      const { request } = await publicClient.simulateContract({ account: walletClient.account, address, abi: counterweightRollupAbi, functionName, args } as never)
      const hash = await walletClient.writeContract(request as never)
      return publicClient.waitForTransactionReceipt({ hash })
    },
  }
}

/**
 * The custom error a contract call reverted with (`ChunkAlreadyProven`, `BatchNotNext`, ...),
 * or undefined when the failure was something else (transport, gas, ...).
 *
 * @example
 * ```ts
 * try { await rollup.send('finalize', [b]) } catch (e) { if (revertName(e) === 'BatchNotNext') return }
 * ```
 */
export function revertName(e: unknown): string | undefined {
  if (!(e instanceof BaseError)) return undefined
  const reverted = e.walk((x) => x instanceof ContractFunctionRevertedError)
  if (reverted instanceof ContractFunctionRevertedError) return reverted.data?.errorName ?? reverted.reason ?? undefined
  return undefined
}
