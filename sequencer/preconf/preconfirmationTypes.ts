import { EIP712_NAME, EIP712_VERSION } from '../../protocol/index.ts'
export { MAX_PRECONFIRMATION_GROUP, PRECONFIRMATION_GROUP_TYPE_STRING, PRECONFIRMATION_TYPE_STRING } from './preconfirmationConstants.ts'

/**
 * EIP-712 types of one preconfirmation, the leaf of a signed group: the transaction's global
 * sequence number, its hash (the Poseidon hash the user signed, 32 bytes big-endian) and the
 * L1 timestamp (seconds) by which the batch holding it will be committed. A leaf is the
 * EIP-712 struct hash of this type ({@link preconfirmationLeaf}); the sequencer signs the
 * Merkle root of a group of leaves ({@link PRECONFIRMATION_GROUP_TYPES}).
 *
 * @example
 * ```ts
 * import { hashStruct } from 'viem'
 * hashStruct({ types: PRECONFIRMATION_TYPES, primaryType: 'Preconfirmation', data: { sequence, txHash, l1Deadline } }) // the leaf
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
 * EIP-712 types of what the sequencer signs: one group commit, the transactions with sequence
 * numbers `firstSequence .. firstSequence + count - 1`, by the Merkle root of their leaves
 * (positional, zero-padded to a power of two; see {@link preconfirmationTree}).
 *
 * @example
 * ```ts
 * hashTypedData({ domain, types: PRECONFIRMATION_GROUP_TYPES, primaryType: 'PreconfirmationGroup', message: { firstSequence, count, root } })
 * ```
 */
export const PRECONFIRMATION_GROUP_TYPES = {
  PreconfirmationGroup: [
    { name: 'firstSequence', type: 'uint64' },
    { name: 'count', type: 'uint64' },
    { name: 'root', type: 'bytes32' },
  ],
} as const

/** A preconfirmation's content: what the sequencer promises about one transaction. */
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

/** What the sequencer signs: a group of consecutive preconfirmations by their Merkle root. */
export interface PreconfirmationGroup {
  chainId: bigint
  rollup: `0x${string}`
  /** Sequence number of the group's first transaction (leaf 0). */
  firstSequence: bigint
  /** Number of transactions in the group (1 to {@link MAX_PRECONFIRMATION_GROUP}). */
  count: bigint
  /** Merkle root of the group's leaves, 32 bytes. */
  root: `0x${string}`
}

/**
 * A preconfirmation as the sequencer answers it: the promise, the group it was signed in, the
 * Merkle proof from its leaf (at position `sequence - firstSequence`) to the group's `root`,
 * and the sequencer's signature over the group (65 bytes, `r ‖ s ‖ v`, v = 27 or 28).
 */
export interface SignedPreconfirmation extends Preconfirmation {
  firstSequence: bigint
  count: bigint
  root: `0x${string}`
  /** Sibling hashes from the leaf up, `ceil(log2(count))` of them (none for a group of one). */
  proof: `0x${string}`[]
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
 * The full EIP-712 typed data of a signed group, ready for viem's `hashTypedData`,
 * `signTypedData`, `verifyTypedData` or a wallet's `eth_signTypedData_v4`.
 *
 * @example
 * ```ts
 * const ok = await verifyTypedData({ address: sequencer, ...preconfirmationGroupTypedData(group), signature })
 * ```
 */
export function preconfirmationGroupTypedData(g: PreconfirmationGroup) {
  return {
    domain: preconfirmationDomain(g),
    types: PRECONFIRMATION_GROUP_TYPES,
    primaryType: 'PreconfirmationGroup' as const,
    message: { firstSequence: g.firstSequence, count: g.count, root: g.root },
  }
}
