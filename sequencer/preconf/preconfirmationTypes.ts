import { EIP712_NAME, EIP712_VERSION } from '../../protocol/index.ts'

/**
 * EIP-712 types of a preconfirmation. The domain is the protocol's (`name` =
 * `EIP712_NAME`, `version` = `EIP712_VERSION`, the L1 `chainId` and the rollup contract as
 * `verifyingContract`), so a preconfirmation names its chain and deployment; the message
 * names the transaction's global sequence number, its hash (the Poseidon hash the user
 * signed, as 32 bytes big-endian) and the L1 timestamp (seconds) by which the batch holding
 * it will be committed.
 *
 * @example
 * ```ts
 * import { hashTypedData } from 'viem'
 * hashTypedData({ domain, types: PRECONFIRMATION_TYPES, primaryType: 'Preconfirmation', message })
 * ```
 */
export const PRECONFIRMATION_TYPES = {
  Preconfirmation: [
    { name: 'sequence', type: 'uint64' },
    { name: 'txHash', type: 'bytes32' },
    { name: 'l1Deadline', type: 'uint64' },
  ],
} as const

/**
 * The EIP-712 type string of a preconfirmation, as Solidity hashes it for its type hash:
 * `keccak256(bytes(PRECONFIRMATION_TYPE_STRING))`.
 *
 * @example
 * ```ts
 * keccak256(toBytes(PRECONFIRMATION_TYPE_STRING)) // the PRECONFIRMATION_TYPEHASH a contract declares
 * ```
 */
export const PRECONFIRMATION_TYPE_STRING = 'Preconfirmation(uint64 sequence,bytes32 txHash,uint64 l1Deadline)'

/** A preconfirmation's content: what the sequencer promises. */
export interface Preconfirmation {
  /** L1 chain id (EIP-712 domain). */
  chainId: bigint
  /** Rollup contract (EIP-712 domain `verifyingContract`). */
  rollup: `0x${string}`
  /** Global sequence number, from 1, contiguous. */
  sequence: bigint
  /** The L2 transaction hash, 32 bytes. */
  txHash: `0x${string}`
  /** Unix time (seconds, L1 block timestamp) by which the batch holding it is committed. */
  l1Deadline: bigint
}

/** A preconfirmation with the sequencer's signature (65 bytes, `r ‖ s ‖ v`, v = 27 or 28). */
export interface SignedPreconfirmation extends Preconfirmation {
  signature: `0x${string}`
}

/**
 * The EIP-712 domain of a deployment's preconfirmations.
 *
 * @example
 * ```ts
 * preconfirmationDomain({ chainId: 31337n, rollup: '0x5fbdb2315678afecb367f032d93f642f64180aa3' })
 * // { name: 'Counterweight', version: '1', chainId: 31337n, verifyingContract: '0x5fbd…' }
 * ```
 */
export function preconfirmationDomain(params: { chainId: bigint; rollup: `0x${string}` }) {
  return { name: EIP712_NAME, version: EIP712_VERSION, chainId: params.chainId, verifyingContract: params.rollup } as const
}

/**
 * The full EIP-712 typed data of a preconfirmation, ready for viem's `hashTypedData`,
 * `signTypedData`, `verifyTypedData` or a wallet's `eth_signTypedData_v4`.
 *
 * @example
 * ```ts
 * const ok = await verifyTypedData({ address: sequencer, ...preconfirmationTypedData(p), signature })
 * ```
 */
export function preconfirmationTypedData(p: Preconfirmation) {
  return {
    domain: preconfirmationDomain(p),
    types: PRECONFIRMATION_TYPES,
    primaryType: 'Preconfirmation' as const,
    message: { sequence: p.sequence, txHash: p.txHash, l1Deadline: p.l1Deadline },
  }
}
