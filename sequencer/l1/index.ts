/**
 * The sequencer's L1 side: the {@link L1Sender} interface the batcher calls and the L1
 * transaction manager that implements it (nonce ownership, durable record, fee bumps under
 * caps, blob or calldata by cost, confirmations). See docs/l1-transactions.md.
 *
 * @example
 * ```ts
 * import { L1TxManager, l1TxConfigFromEnv } from './l1/index.ts'
 * const manager = await L1TxManager.open({ walletClient, publicClient, dbPath, config: l1TxConfigFromEnv(process.env) })
 * ```
 */
export type { L1Request, L1Receipt, L1Sender } from './L1Sender.ts'
export { L1TxManager, type L1TxManagerParams, type L1TxManagerStatus, type L1TxPendingStatus, type L1TxLogger, type L1TxClock } from './L1TxManager.ts'
export { L1TxError, L1_TX_ERROR_SEVERITY, type L1TxErrorCode } from './L1TxError.ts'
export { L1_TX_CONFIG_DEFAULTS, L1_TX_CONFIG_ENV, l1TxConfig, l1TxConfigFromEnv, type L1TxConfig } from './L1TxConfig.ts'
export { l1TxMetrics, type L1TxMetrics } from './l1TxMetrics.ts'
export { chooseDataPath, GAS_PER_BLOB } from './chooseDataPath.ts'
export { initialFees, bumpFees, type TxFees, type FeeMarket, type FeeRules, type CappedField } from './l1Fees.ts'
export { L1TxStore, type L1TxRecord, type L1TxAttempt } from './L1TxStore.ts'
export { BondGuard, type BondReading } from './BondGuard.ts'
export { BondTopUp, type BondAt } from './BondTopUp.ts'
