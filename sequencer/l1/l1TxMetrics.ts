import { MetricsRegistry, type Counter, type Histogram } from '../metrics/MetricsRegistry.ts'

/**
 * The L1 transaction manager's instruments.
 *
 * @example
 * ```ts
 * const metrics = l1TxMetrics(sequencerMetrics.registry)
 * await L1TxManager.open({ ..., metrics })
 * ```
 */
export interface L1TxMetrics {
  /** Transactions broadcast, by `via` and `kind` (`first`, `replacement`, `rebroadcast`). */
  sent: Counter
  /** Requests confirmed, by `via` and `status`. */
  confirmed: Counter
  /** Replacements not made because the minimum bump would exceed a cap, by `field`. */
  feeCapReached: Counter
  /** Broadcasts the node refused (other than "already known" / "nonce too low"), by `reason`. */
  broadcastFailed: Counter
  /** Seconds from a request's first broadcast to its confirmation. */
  confirmSeconds: Histogram
}

/**
 * Creates the manager's metrics on a registry (the sequencer's, scraped at `/metrics`).
 *
 * @example
 * ```ts
 * const metrics = l1TxMetrics(new MetricsRegistry())
 * metrics.feeCapReached.get({ field: 'maxFeePerGas' }) // 0
 * ```
 */
export function l1TxMetrics(registry = new MetricsRegistry()): L1TxMetrics {
  return {
    sent: registry.counter('cw_l1_tx_sent_total', 'L1 transactions broadcast, by via and kind (first, replacement, rebroadcast)'),
    confirmed: registry.counter('cw_l1_tx_confirmed_total', 'L1 requests confirmed, by via and status'),
    feeCapReached: registry.counter('cw_l1_tx_fee_cap_reached_total', 'L1 replacements not made because the bump would exceed a fee cap, by field'),
    broadcastFailed: registry.counter('cw_l1_tx_broadcast_failed_total', 'L1 broadcasts refused by the node, by reason'),
    confirmSeconds: registry.histogram('cw_l1_tx_confirm_seconds', 'Seconds from first broadcast to confirmation', [6, 12, 24, 48, 96, 192, 384, 768, 1536]),
  }
}
