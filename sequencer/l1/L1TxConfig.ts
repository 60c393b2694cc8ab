import { ConfigError, type ConfigIssue } from '../errors/index.ts'

const GWEI = 1_000_000_000n

/**
 * Settings of the L1 transaction manager. Fees are in wei, times in milliseconds.
 *
 * @example
 * ```ts
 * const config: L1TxConfig = { ...L1_TX_CONFIG_DEFAULTS, confirmations: 1, resubmitAfterMs: 500 }
 * ```
 */
export interface L1TxConfig {
  /** Blocks on top of the including block before `send` resolves (1: the including block alone). */
  confirmations: number
  /** A transaction not included this long after its last broadcast is replaced with bumped fees. */
  resubmitAfterMs: number
  /** How often in-flight nonces are checked (receipts, head, resubmission). */
  pollIntervalMs: number
  /** Bump of both fee fields of a normal (type-2) replacement, in percent (geth's minimum: 10). */
  feeBumpPercent: number
  /** Bump of all three fee fields of a blob (type-3) replacement, in percent (geth's blob pool: 100). */
  blobFeeBumpPercent: number
  /** Lower bound of the priority fee (tip). */
  minPriorityFeePerGas: bigint
  /** Lower bound of the base fee used to compute `maxFeePerGas` (= tip + 2 x base fee). */
  minBaseFeePerGas: bigint
  /** Lower bound of `maxFeePerBlobGas` (= 2 x blob base fee). */
  minFeePerBlobGas: bigint
  /** Never send a transaction with a higher `maxFeePerGas`. */
  maxFeePerGasCap: bigint
  /** Never send a blob transaction with a higher `maxFeePerBlobGas`. */
  maxFeePerBlobGasCap: bigint
  /** Gas limit = estimate x (100 + margin) / 100 (a request's own `gas` is used as given). */
  gasLimitMarginPercent: number
}

/**
 * Defaults of {@link L1TxConfig}: op-batcher's (10 confirmations, 48 s resubmission, 1 gwei
 * minimum tip, base fee and blob fee) and caps of 500 gwei per gas and 1,000 gwei per blob gas.
 *
 * @example
 * ```ts
 * L1_TX_CONFIG_DEFAULTS.confirmations // 10
 * ```
 */
export const L1_TX_CONFIG_DEFAULTS: Readonly<L1TxConfig> = {
  confirmations: 10,
  resubmitAfterMs: 48_000,
  pollIntervalMs: 2_000,
  feeBumpPercent: 10,
  blobFeeBumpPercent: 100,
  minPriorityFeePerGas: GWEI,
  minBaseFeePerGas: GWEI,
  minFeePerBlobGas: GWEI,
  maxFeePerGasCap: 500n * GWEI,
  maxFeePerBlobGasCap: 1_000n * GWEI,
  gasLimitMarginPercent: 20,
}

/**
 * Environment variable of each {@link L1TxConfig} field (read by {@link l1TxConfigFromEnv}).
 *
 * @example
 * ```ts
 * L1_TX_CONFIG_ENV.maxFeePerGasCap // 'CW_L1_MAX_FEE_PER_GAS_CAP_WEI'
 * ```
 */
export const L1_TX_CONFIG_ENV: Readonly<Record<keyof L1TxConfig, string>> = {
  confirmations: 'CW_L1_CONFIRMATIONS',
  resubmitAfterMs: 'CW_L1_RESUBMIT_AFTER_MS',
  pollIntervalMs: 'CW_L1_POLL_INTERVAL_MS',
  feeBumpPercent: 'CW_L1_FEE_BUMP_PERCENT',
  blobFeeBumpPercent: 'CW_L1_BLOB_FEE_BUMP_PERCENT',
  minPriorityFeePerGas: 'CW_L1_MIN_PRIORITY_FEE_WEI',
  minBaseFeePerGas: 'CW_L1_MIN_BASE_FEE_WEI',
  minFeePerBlobGas: 'CW_L1_MIN_BLOB_FEE_WEI',
  maxFeePerGasCap: 'CW_L1_MAX_FEE_PER_GAS_CAP_WEI',
  maxFeePerBlobGasCap: 'CW_L1_MAX_FEE_PER_BLOB_GAS_CAP_WEI',
  gasLimitMarginPercent: 'CW_L1_GAS_LIMIT_MARGIN_PERCENT',
}

type Rule = { kind: 'int'; min: number } | { kind: 'wei'; min: bigint }
const RULES: Readonly<Record<keyof L1TxConfig, Rule>> = {
  confirmations: { kind: 'int', min: 1 },
  resubmitAfterMs: { kind: 'int', min: 1 },
  pollIntervalMs: { kind: 'int', min: 1 },
  feeBumpPercent: { kind: 'int', min: 10 },
  blobFeeBumpPercent: { kind: 'int', min: 100 },
  minPriorityFeePerGas: { kind: 'wei', min: 0n },
  minBaseFeePerGas: { kind: 'wei', min: 0n },
  minFeePerBlobGas: { kind: 'wei', min: 1n },
  maxFeePerGasCap: { kind: 'wei', min: 1n },
  maxFeePerBlobGasCap: { kind: 'wei', min: 1n },
  gasLimitMarginPercent: { kind: 'int', min: 0 },
}

/**
 * Checks a partial configuration (numbers, bigints or decimal strings) and fills in the
 * defaults. Every wrong field is reported at once in a `ConfigError`, named by its path and,
 * when `sources` says where it came from, its environment variable.
 *
 * @example
 * ```ts
 * const config = l1TxConfig({ input: { confirmations: 1, maxFeePerGasCap: '100000000000' } })
 * ```
 */
export function l1TxConfig(params: { input?: Readonly<Record<string, unknown>>; sources?: Readonly<Record<string, string>> }): L1TxConfig {
  const input = params.input ?? {}
  const issues: ConfigIssue[] = []
  const field = (name: string): string => (params.sources?.[name] ? `l1.${name} (${params.sources[name]})` : `l1.${name}`)
  for (const name of Object.keys(input)) {
    if (!(name in RULES)) issues.push({ field: field(name), message: `unknown field; known fields are ${Object.keys(RULES).join(', ')}` })
  }
  const out: Record<string, number | bigint> = { ...L1_TX_CONFIG_DEFAULTS }
  for (const [name, rule] of Object.entries(RULES) as [keyof L1TxConfig, Rule][]) {
    const raw = input[name]
    if (raw === undefined) continue
    if (rule.kind === 'int') {
      const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < rule.min) issues.push({ field: field(name), message: `must be an integer >= ${rule.min}, got ${JSON.stringify(String(raw))}` })
      else out[name] = n
    } else {
      const w = typeof raw === 'bigint' ? raw : typeof raw === 'number' && Number.isSafeInteger(raw) ? BigInt(raw) : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? BigInt(raw.trim()) : undefined
      if (w === undefined || w < rule.min) issues.push({ field: field(name), message: `must be an amount of wei (a decimal integer) >= ${rule.min}, got ${JSON.stringify(String(raw))}` })
      else out[name] = w
    }
  }
  const config = out as unknown as L1TxConfig
  if (issues.length === 0) {
    if (config.minBaseFeePerGas * 2n + config.minPriorityFeePerGas > config.maxFeePerGasCap) {
      issues.push({ field: field('maxFeePerGasCap'), message: `is ${config.maxFeePerGasCap} wei, below the minimum fee it allows (2 x minBaseFeePerGas + minPriorityFeePerGas = ${config.minBaseFeePerGas * 2n + config.minPriorityFeePerGas})` })
    }
    if (config.minFeePerBlobGas > config.maxFeePerBlobGasCap) {
      issues.push({ field: field('maxFeePerBlobGasCap'), message: `is ${config.maxFeePerBlobGasCap} wei, below minFeePerBlobGas (${config.minFeePerBlobGas})` })
    }
  }
  if (issues.length > 0) throw new ConfigError(issues)
  return config
}

/**
 * Reads {@link L1TxConfig} once from the `CW_L1_*` variables of {@link L1_TX_CONFIG_ENV}
 * (unset ones take their defaults); error messages name the variable.
 *
 * @example
 * ```ts
 * const config = l1TxConfigFromEnv(process.env) // CW_L1_CONFIRMATIONS=3 CW_L1_MAX_FEE_PER_GAS_CAP_WEI=200000000000
 * ```
 */
export function l1TxConfigFromEnv(env: Readonly<Record<string, string | undefined>>): L1TxConfig {
  const input: Record<string, string> = {}
  for (const [name, variable] of Object.entries(L1_TX_CONFIG_ENV)) {
    const v = env[variable]
    if (v !== undefined && v !== '') input[name] = v
  }
  return l1TxConfig({ input, sources: L1_TX_CONFIG_ENV })
}
