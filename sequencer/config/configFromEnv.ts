import { readFileSync } from 'node:fs'
import { ConfigError } from '../errors/index.ts'
import { parseConfig } from './parseConfig.ts'
import type { SequencerConfig } from './SequencerConfig.ts'

/** Environment variable of each configuration field. */
export const CONFIG_ENV: Readonly<Record<string, string>> = {
  chainId: 'CW_CHAIN_ID',
  l2ChainId: 'CW_L2_CHAIN_ID',
  rollupAddress: 'CW_ROLLUP_ADDRESS',
  sequencerKey: 'CW_SEQUENCER_KEY',
  dbPath: 'CW_DB_PATH',
  synchronous: 'CW_DB_SYNCHRONOUS',
  params: 'CW_PARAMS',
  blockIntervalMs: 'CW_BLOCK_INTERVAL_MS',
  preconfDeadlineSeconds: 'CW_PRECONF_DEADLINE_SECONDS',
  workers: 'CW_WORKERS',
  logLevel: 'CW_LOG_LEVEL',
  'fees.minFee': 'CW_MIN_FEE',
  'limits.maxPendingPerAccount': 'CW_MAX_PENDING_PER_ACCOUNT',
  'limits.maxPendingTotal': 'CW_MAX_PENDING_TOTAL',
  'limits.maxNonceGap': 'CW_MAX_NONCE_GAP',
  'limits.parkTimeoutMs': 'CW_PARK_TIMEOUT_MS',
  'limits.submitTimeoutMs': 'CW_SUBMIT_TIMEOUT_MS',
  'http.host': 'CW_HTTP_HOST',
  'http.port': 'CW_HTTP_PORT',
  'http.bodyLimitBytes': 'CW_HTTP_BODY_LIMIT_BYTES',
  'http.maxBatchLength': 'CW_HTTP_MAX_BATCH_LENGTH',
  'http.requestTimeoutMs': 'CW_HTTP_REQUEST_TIMEOUT_MS',
  'http.headersTimeoutMs': 'CW_HTTP_HEADERS_TIMEOUT_MS',
  'http.keepAliveTimeoutMs': 'CW_HTTP_KEEP_ALIVE_TIMEOUT_MS',
  'http.connectionTimeoutMs': 'CW_HTTP_CONNECTION_TIMEOUT_MS',
  'http.maxConnections': 'CW_HTTP_MAX_CONNECTIONS',
  'http.trustProxy': 'CW_HTTP_TRUST_PROXY',
  'rateLimit.callsPerSecond': 'CW_RATE_LIMIT_PER_SECOND',
  'rateLimit.burst': 'CW_RATE_LIMIT_BURST',
  'l1.rpcUrl': 'CW_L1_RPC_URL',
  'l1.confirmations': 'CW_L1_CONFIRMATIONS',
  'l1.pollMs': 'CW_L1_POLL_MS',
  'l1.maxBlockRange': 'CW_L1_MAX_BLOCK_RANGE',
  'l1.fromBlock': 'CW_L1_FROM_BLOCK',
  'bond.topUpBelowWei': 'CW_BOND_TOPUP_BELOW_WEI',
  'bond.topUpToWei': 'CW_BOND_TOPUP_TO_WEI',
  'batcher.maxBatchAgeMs': 'CW_BATCH_MAX_AGE_MS',
  'batcher.maxChunks': 'CW_BATCH_MAX_CHUNKS',
  'batcher.deadlineMarginSeconds': 'CW_BATCH_DEADLINE_MARGIN_SECONDS',
  'batcher.feeAccounts': 'CW_FEE_ACCOUNTS',
  'batcher.dataPath': 'CW_BATCH_DATA_PATH',
}

/**
 * Reads the configuration once: from the JSON file named by `CW_CONFIG` (if set), then the
 * `CW_*` variables of {@link CONFIG_ENV} on top, then checks the whole with `parseConfig`.
 * Error messages name the variable a bad value came from.
 *
 * @example
 * ```ts
 * const config = configFromEnv(process.env)
 * // CW_CHAIN_ID=31337 CW_ROLLUP_ADDRESS=0x… CW_SEQUENCER_KEY=0x… CW_DB_PATH=./seq.db CW_PARAMS=devnet
 * ```
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): SequencerConfig {
  let base: Record<string, unknown> = {}
  const file = env.CW_CONFIG
  if (file) {
    try {
      base = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    } catch (e) {
      throw new ConfigError([{ field: `CW_CONFIG (${file})`, message: `cannot read a JSON configuration: ${(e as Error).message}` }])
    }
  }
  // Messages name the variable of every field, set or missing, so the operator knows what to set.
  const sources: Record<string, string> = { ...CONFIG_ENV }
  for (const [path, name] of Object.entries(CONFIG_ENV)) {
    const value = env[name]
    if (value === undefined || value === '') continue
    const parts = path.split('.')
    let node = base
    for (const p of parts.slice(0, -1)) {
      const next = node[p]
      node = (node[p] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>
    }
    const last = parts.at(-1)!
    node[last] = path === 'params' && value.trim().startsWith('{') ? safeJson(value) : value
  }
  return parseConfig(base, sources)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
