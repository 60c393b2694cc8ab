// The constants of the preconfirmation format, without imports: the store's writer thread
// loads them (with the hashing and signing it needs) and nothing else.

/**
 * The EIP-712 type string of a preconfirmation leaf, as Solidity hashes it:
 * `leaf = keccak256(abi.encode(keccak256(bytes(PRECONFIRMATION_TYPE_STRING)), sequence, txHash, l1Deadline))`.
 *
 * @example
 * ```ts
 * keccak256(toBytes(PRECONFIRMATION_TYPE_STRING)) // the PRECONFIRMATION_TYPEHASH a contract declares
 * ```
 */
export const PRECONFIRMATION_TYPE_STRING = 'Preconfirmation(uint64 sequence,bytes32 txHash,uint64 l1Deadline)'

/**
 * The EIP-712 type string of a signed group, as Solidity hashes it for its type hash.
 *
 * @example
 * ```ts
 * keccak256(toBytes(PRECONFIRMATION_GROUP_TYPE_STRING)) // PRECONFIRMATION_GROUP_TYPEHASH
 * ```
 */
export const PRECONFIRMATION_GROUP_TYPE_STRING = 'PreconfirmationGroup(uint64 firstSequence,uint64 count,bytes32 root)'

/**
 * Most transactions in one signed group (one group commit): proofs have at most 10 hashes.
 *
 * @example
 * ```ts
 * if (count > MAX_PRECONFIRMATION_GROUP) throw new RangeError('not a preconfirmation group')
 * ```
 */
export const MAX_PRECONFIRMATION_GROUP = 1024

