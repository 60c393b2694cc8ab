import { MetricsRegistry, type Counter, type Histogram } from './MetricsRegistry.ts'

const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const GROUP_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096]

/** The sequencer's instruments (counters and histograms it updates as it works). */
export interface SequencerMetrics {
  registry: MetricsRegistry
  rpcCalls: Counter
  rpcSeconds: Histogram
  httpRequests: Counter
  rateLimited: Counter
  txAccepted: Counter
  txRefused: Counter
  preconfSeconds: Histogram
  commits: Counter
  commitSeconds: Histogram
  commitGroup: Histogram
  blocksSealed: Counter
  queueApplied: Counter
}

/**
 * Creates the sequencer's metrics on a registry (scraped at `/metrics`). Gauges that read
 * live state are added by `createSequencer` once the parts exist.
 *
 * @example
 * ```ts
 * const metrics = sequencerMetrics()
 * metrics.txAccepted.inc()
 * ```
 */
export function sequencerMetrics(registry = new MetricsRegistry()): SequencerMetrics {
  return {
    registry,
    rpcCalls: registry.counter('cw_rpc_calls_total', 'JSON-RPC calls by method and outcome (ok or the error code)'),
    rpcSeconds: registry.histogram('cw_rpc_call_seconds', 'Time to answer a JSON-RPC call, by method', LATENCY_BUCKETS),
    httpRequests: registry.counter('cw_http_requests_total', 'HTTP requests by status code'),
    rateLimited: registry.counter('cw_rate_limited_total', 'JSON-RPC calls refused by the per-client rate limit'),
    txAccepted: registry.counter('cw_tx_accepted_total', 'Transactions accepted (sequenced, durable, preconfirmed)'),
    txRefused: registry.counter('cw_tx_refused_total', 'Transactions refused, by reason'),
    preconfSeconds: registry.histogram('cw_preconfirmation_seconds', 'From receiving a transaction to its durable signed preconfirmation', LATENCY_BUCKETS),
    commits: registry.counter('cw_store_commits_total', 'Group commits written'),
    commitSeconds: registry.histogram('cw_store_commit_seconds', 'Duration of one group commit (write and fsync)', LATENCY_BUCKETS),
    commitGroup: registry.histogram('cw_store_commit_transactions', 'Transactions per group commit', GROUP_BUCKETS),
    blocksSealed: registry.counter('cw_blocks_sealed_total', 'L2 blocks sealed'),
    queueApplied: registry.counter('cw_queue_entries_applied_total', 'L1 queue entries applied, by outcome'),
  }
}
