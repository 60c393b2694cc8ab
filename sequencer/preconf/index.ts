/**
 * Preconfirmations: each transaction's promise is a leaf (EIP-712 struct hash) of a Merkle
 * tree over one group commit; the sequencer signs the group's root (EIP-712
 * `PreconfirmationGroup`) with its secp256k1 key, and each preconfirmation carries its proof.
 *
 * @example
 * ```ts
 * import { signPreconfirmationGroup, groupPreconfirmation, verifyPreconfirmation } from './preconf/index.ts'
 * ```
 */
export * from './preconfirmationTypes.ts'
export { preconfirmationDomainSeparator, preconfirmationGroupDigest } from './preconfirmationDigest.ts'
export { preconfirmationLeaf } from './preconfirmationHash.ts'
export * from './preconfirmationTree.ts'
export * from './nativeSecp256k1.ts'
export * from './signGroup.ts'
export * from './signPreconfirmationGroup.ts'
export * from './verifyPreconfirmation.ts'
export * from './preconfirmationSlashArgs.ts'
