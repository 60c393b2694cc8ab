import type { CounterweightRpcSchema, NodeOnlyRpcSchema } from '../../../sequencer/index.ts'

type Hex = `0x${string}`

/**
 * What `rollup_getWithdrawalProof` answers: the exit leaf and the arguments of
 * `claimExit(batch, chunk, position, recipient, tokenId, amount, siblings, txListCommitment)`, the node's
 * `getExitProof` result (sequencer/node/read/getExitProof.ts) in hex JSON.
 *
 * EXPECTED SHAPE: the method is not in `CounterweightRpcSchema` on main yet; this is the
 * shape the SDK expects until the sequencer exports it.
 */
export interface WithdrawalProofJson {
  exit: { position: Hex | number; recipient: Hex; tokenId: Hex; amount: Hex }
  args: readonly [batch: Hex, chunk: Hex, position: Hex, recipient: Hex, tokenId: Hex, amount: Hex, siblings: readonly Hex[], txListCommitment: Hex]
}

/**
 * What a node's `rollup_getEscapeProof` answers: the finalized batch and state root the proof
 * is against, and the arguments of `escapeWithdraw(accountIndex, leaf, accountRoot, nextIndex,
 * siblings)` (the node's `getEscapeProof`, sequencer/node/read/getEscapeProof.ts, in hex JSON).
 *
 * EXPECTED SHAPE: not in `CounterweightRpcSchema` on main yet.
 */
export interface EscapeProofJson {
  batch: Hex
  stateRoot: Hex
  args: readonly [
    accountIndex: Hex,
    leaf: { pubKeyX: Hex; pubKeyY: Hex; balance: Hex; owner: Hex; tokenId: Hex; nonce: Hex },
    accountRoot: Hex,
    nextIndex: Hex,
    siblings: readonly Hex[],
  ]
}

type MethodsOf<S extends readonly { Method: string }[]> = S[number]['Method']
type Expected = [
  { Method: 'rollup_getWithdrawalProof'; Parameters: [batch: Hex, chunk: Hex, position: Hex]; ReturnType: WithdrawalProofJson },
  { Method: 'rollup_getEscapeProof'; Parameters: [index: Hex]; ReturnType: EscapeProofJson },
]
type Missing<E extends readonly { Method: string }[]> = E extends readonly [infer H extends { Method: string }, ...infer T extends { Method: string }[]]
  ? H['Method'] extends MethodsOf<CounterweightRpcSchema> ? Missing<T> : [H, ...Missing<T>]
  : []

/**
 * The schema the SDK speaks: the sequencer's exported `CounterweightRpcSchema`, plus the
 * proof methods it does not export yet (`rollup_getWithdrawalProof`, `rollup_getEscapeProof`),
 * typed as the SDK expects them, and the node's own methods (`NodeOnlyRpcSchema`:
 * `rollup_getTxListOpening`). Once the sequencer exports a method, its own type wins.
 *
 * @example
 * ```ts
 * import { createPublicClient, http, rpcSchema } from 'viem'
 * const client = createPublicClient({ transport: http(url), rpcSchema: rpcSchema<BridgeRpcSchema>() })
 * await client.request({ method: 'rollup_getAccount', params: ['0x1'] })
 * ```
 */
export type BridgeRpcSchema = [...CounterweightRpcSchema, ...NodeOnlyRpcSchema, ...Missing<Expected>]
