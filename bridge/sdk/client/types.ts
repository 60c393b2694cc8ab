import type { Account, Address, Chain, Client, Transport } from 'viem'

/**
 * Anything that sends JSON-RPC requests to the sequencer or a node: a viem client (public,
 * with or without the Counterweight schema) or any EIP-1193 requester.
 *
 * @example
 * ```ts
 * const client: SequencerClient = createPublicClient({ transport: http('http://127.0.0.1:8547') })
 * ```
 */
export interface SequencerClient {
  request(args: { method: string; params?: unknown }, options?: unknown): Promise<unknown>
}

/**
 * A viem client on L1 (the rollup contract's chain): a public client for reads and waits, a
 * wallet client (with an account) for the L1 actions.
 *
 * @example
 * ```ts
 * const l1: L1Client = createWalletClient({ account, chain: mainnet, transport: http(l1Url) })
 * ```
 */
export type L1Client = Client<Transport, Chain | undefined, Account | undefined>

/**
 * A deployment: the rollup contract and the L1 chain it is on (the domain of every L2
 * signature and of preconfirmations).
 *
 * @example
 * ```ts
 * const deployment: DeploymentParams = { rollup: '0x5fbd…', chainId: 31337n }
 * ```
 */
export interface DeploymentParams {
  rollup: Address
  chainId: bigint
}
