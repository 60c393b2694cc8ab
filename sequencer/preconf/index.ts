/**
 * Preconfirmations: EIP-712 typed data signed by the sequencer's secp256k1 key.
 *
 * @example
 * ```ts
 * import { PRECONFIRMATION_TYPES, signPreconfirmation, verifyPreconfirmation } from './preconf/index.ts'
 * ```
 */
export * from './preconfirmationTypes.ts'
export { preconfirmationDigest } from './preconfirmationDigest.ts'
export * from './signPreconfirmation.ts'
export * from './verifyPreconfirmation.ts'
