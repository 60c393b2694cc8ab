import { defineChain, type Chain } from 'viem'

/**
 * The viem chain of an L1 reached at one JSON-RPC URL (anvil, a testnet or mainnet): ETH as
 * the native currency, the given chain id. Every process that signs L1 transactions
 * (sequencer, prover, CLI, SDK examples, tests) builds its chain here.
 *
 * @example
 * ```ts
 * const chain = l1Chain({ chainId: 31337, rpcUrl: 'http://127.0.0.1:8545' })
 * const wallet = createWalletClient({ account, chain, transport: http(chain.rpcUrls.default.http[0]) })
 * ```
 */
export function l1Chain(params: { chainId: number; rpcUrl: string; name?: string }): Chain {
  return defineChain({
    id: params.chainId,
    name: params.name ?? `L1 ${params.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [params.rpcUrl] } },
  })
}
