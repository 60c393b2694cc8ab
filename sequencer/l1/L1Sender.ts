import type { Address, Hex } from 'viem'

/**
 * One L1 call the sequencer wants made, identified by a stable `key` (for example
 * `commit:batch:7`): sending the same key twice never makes two transactions, even across
 * restarts. `blob` carries the batch data as an EIP-4844 blob; `calldataAlternative` is
 * calldata with the same effect and no blob (the manager may use it when it is cheaper).
 *
 * @example
 * ```ts
 * const request: L1Request = { key: 'commit:batch:7', to: rollup, data: commitData, blob, calldataAlternative: calldataCommit }
 * ```
 */
export interface L1Request {
  key: string
  to: Address
  data: Hex
  blob?: Uint8Array
  calldataAlternative?: Hex
  /** Gas limit; estimated when absent. */
  gas?: bigint
  /** Wei sent with the call (e.g. `depositBond`); 0 when absent. */
  value?: bigint
}

/**
 * What became of an {@link L1Request}: the transaction that was included (with the
 * configured confirmations), whether it succeeded, and which form was used.
 *
 * @example
 * ```ts
 * const receipt = await sender.send(request)
 * if (receipt.status === 'reverted') resync()
 * ```
 */
export interface L1Receipt {
  key: string
  transactionHash: Hex
  blockNumber: bigint
  nonce: number
  status: 'success' | 'reverted'
  via: 'blob' | 'calldata'
  gasUsed: bigint
  /** Wei paid for execution plus blob gas. */
  feePaid: bigint
}

/**
 * Who sends the sequencer's L1 transactions: the L1 transaction manager in production, a
 * direct sender in tests.
 *
 * @example
 * ```ts
 * const receipt = await sender.send({ key: 'commit:batch:7', to: rollup, data, blob })
 * ```
 */
export interface L1Sender {
  send(request: L1Request): Promise<L1Receipt>
  /**
   * What is known of a key: its receipt once confirmed, `pending` while in flight, `failed`,
   * or undefined if never sent.
   */
  outcome(key: string): L1Receipt | 'pending' | 'failed' | undefined
}
