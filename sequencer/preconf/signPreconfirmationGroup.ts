import { preconfirmationDomainSeparator } from './preconfirmationDigest.ts'
import { hexToBytes } from './preconfirmationHash.ts'
import { preconfirmationProof } from './preconfirmationTree.ts'
import type { SignedPreconfirmation } from './preconfirmationTypes.ts'
import { signGroup, type GroupEntry, type SignedGroup } from './signGroup.ts'

/**
 * Signs one group commit: the leaves of its transactions (consecutive sequence numbers from the
 * first), their Merkle root, and ECDSA over the group's EIP-712 digest with the sequencer's
 * secp256k1 key. RFC 6979 nonces and low S: the same group always gives the same signature,
 * which lets a restarted sequencer re-sign a durable group whose signature a crash kept from
 * being written and get exactly what clients may hold. The signature equals viem's
 * `signTypedData` of `preconfirmationGroupTypedData` (tested).
 *
 * @example
 * ```ts
 * const g = signPreconfirmationGroup({ privateKey, chainId: 31337n, rollup, entries })
 * groupPreconfirmation({ group: g, chainId: 31337n, rollup, entry: entries[2]! }) // a SignedPreconfirmation
 * ```
 */
export function signPreconfirmationGroup(params: { privateKey: `0x${string}` | Uint8Array; chainId: bigint; rollup: `0x${string}`; entries: readonly GroupEntry[] }): SignedGroup {
  const key = typeof params.privateKey === 'string' ? hexToBytes(params.privateKey, 32) : params.privateKey
  return signGroup({ key, domainSeparator: preconfirmationDomainSeparator(params), entries: params.entries })
}

/**
 * The {@link SignedPreconfirmation} of one entry of a signed group (with its Merkle proof).
 *
 * @example
 * ```ts
 * const signed = groupPreconfirmation({ group, chainId: 31337n, rollup, entry })
 * await verifyPreconfirmation({ signed, sequencer }) // true
 * ```
 */
export function groupPreconfirmation(params: { group: Omit<SignedGroup, 'root'> & { root?: Uint8Array }; chainId: bigint; rollup: `0x${string}`; entry: GroupEntry }): SignedPreconfirmation {
  const { group, entry } = params
  const hex = (b: Uint8Array): `0x${string}` => `0x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')}`
  return {
    chainId: params.chainId,
    rollup: params.rollup,
    sequence: BigInt(entry.sequence),
    txHash: hex(entry.txHash),
    l1Deadline: BigInt(entry.l1Deadline),
    firstSequence: BigInt(group.firstSequence),
    count: BigInt(group.count),
    root: hex(group.levels.at(-1)![0]!),
    proof: preconfirmationProof({ levels: group.levels, index: entry.sequence - group.firstSequence }).map(hex),
    signature: hex(group.signature),
  }
}
