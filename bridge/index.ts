/**
 * The `bridge` module: the SDK for users and app builders (viem actions and the
 * `counterweightActions` decorator, see docs/sdk.md); the CLI arrives in `bridge/cli/`.
 *
 * @example
 * ```ts
 * import { createCounterweightClient, deriveWalletL2Key } from '../bridge/index.ts'
 * ```
 */
export * from './sdk/index.ts'
