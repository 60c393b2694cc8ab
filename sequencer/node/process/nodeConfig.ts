import { isAddress, type Address } from 'viem'
import { NodeConfigError } from '../errors.ts'
import type { ReplayChecks } from '../replay/replayBatch.ts'

/** The node process's configuration, read once at start and checked by {@link parseNodeConfig}. */
export interface NodeConfig {
  /** L1 JSON-RPC endpoint (events, blocks, calldata; blobs too when `blobsFromL1`). */
  l1RpcUrl: string
  rollupAddress: Address
  /** The rollup's deployment block: where its events start. */
  deploymentBlock: bigint
  /** SQLite file of the node's store. */
  dbPath: string
  /** Blob sources, asked in this order: archive folder, beacon API, the L1 endpoint (`anvil_getBlobByHash`). */
  blobArchiveDir: string | undefined
  beaconUrl: string | undefined
  blobsFromL1: boolean
  /** Blocks below the L1 head before an event is read (default 2). */
  confirmations: bigint
  /** Blocks per `eth_getLogs` (default 2,000). */
  rangeSize: bigint
  /** Pause between syncs (default 2,000 ms). */
  pollIntervalMs: number
  checks: ReplayChecks | 'auto'
  /** Chain id `eth_chainId` reports (default: the L1 chain id, as the sequencer's `l2ChainId`). */
  l2ChainId: bigint | undefined
  http: { host: string; port: number }
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/**
 * Environment variable of each field of {@link NodeConfig}.
 *
 * @example
 * ```ts
 * NODE_CONFIG_ENV.l1RpcUrl // 'CW_NODE_L1_RPC_URL'
 * ```
 */
export const NODE_CONFIG_ENV = {
  l1RpcUrl: 'CW_NODE_L1_RPC_URL',
  rollupAddress: 'CW_NODE_ROLLUP_ADDRESS',
  deploymentBlock: 'CW_NODE_DEPLOYMENT_BLOCK',
  dbPath: 'CW_NODE_DB_PATH',
  blobArchiveDir: 'CW_NODE_BLOB_ARCHIVE',
  beaconUrl: 'CW_NODE_BEACON_URL',
  blobsFromL1: 'CW_NODE_BLOBS_FROM_L1',
  confirmations: 'CW_NODE_CONFIRMATIONS',
  rangeSize: 'CW_NODE_RANGE_SIZE',
  pollIntervalMs: 'CW_NODE_POLL_INTERVAL_MS',
  checks: 'CW_NODE_CHECKS',
  l2ChainId: 'CW_NODE_L2_CHAIN_ID',
  'http.host': 'CW_NODE_HTTP_HOST',
  'http.port': 'CW_NODE_HTTP_PORT',
  logLevel: 'CW_NODE_LOG_LEVEL',
} as const

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v) : String(v))

/**
 * Checks a node configuration (flat fields as strings, numbers or booleans; `http.host` and
 * `http.port` dotted) and fills the defaults. Every wrong or missing field is reported at once
 * in one {@link NodeConfigError}, named with its environment variable; unknown fields are
 * errors. Without any blob source set, blobs are read from the L1 endpoint.
 *
 * @example
 * ```ts
 * parseNodeConfig({ l1RpcUrl: 'http://127.0.0.1:8545', rollupAddress: '0x5FbD…', deploymentBlock: '12', dbPath: './node.sqlite' }).confirmations // 2n
 * ```
 */
export function parseNodeConfig(input: Readonly<Record<string, unknown>>): NodeConfig {
  const issues: { field: string; message: string }[] = []
  const issue = (field: keyof typeof NODE_CONFIG_ENV, message: string) => issues.push({ field: `${field} (${NODE_CONFIG_ENV[field]})`, message })
  for (const k of Object.keys(input)) if (!(k in NODE_CONFIG_ENV)) issues.push({ field: k, message: `unknown field; known: ${Object.keys(NODE_CONFIG_ENV).join(', ')}` })
  const str = (f: keyof typeof NODE_CONFIG_ENV, required: string | undefined): string | undefined => {
    const v = input[f]
    if (v === undefined || v === '') {
      if (required) issue(f, `missing: ${required}`)
      return undefined
    }
    if (typeof v !== 'string') issue(f, `must be a string, got ${show(v)}`)
    return typeof v === 'string' ? v : undefined
  }
  const int = (f: keyof typeof NODE_CONFIG_ENV, dflt: bigint | undefined, min: bigint, max: bigint): bigint | undefined => {
    const v = input[f]
    if (v === undefined || v === '') {
      if (dflt === undefined) issue(f, 'missing: an integer')
      return dflt
    }
    const s = typeof v === 'number' || typeof v === 'bigint' ? String(v) : typeof v === 'string' ? v.trim() : ''
    if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(s)) {
      issue(f, `must be a non-negative integer (decimal or 0x hex), got ${show(v)}`)
      return dflt
    }
    const n = BigInt(s)
    if (n < min || n > max) issue(f, `must be between ${min} and ${max}, got ${n}`)
    return n
  }
  const url = (f: 'l1RpcUrl' | 'beaconUrl', required: string | undefined): string | undefined => {
    const v = str(f, required)
    if (v !== undefined && !/^https?:\/\/[^\s]+$/.test(v)) issue(f, `must be an http:// or https:// URL, got ${show(v)}`)
    return v
  }

  const l1RpcUrl = url('l1RpcUrl', 'the L1 JSON-RPC endpoint to read (e.g. http://127.0.0.1:8545)')
  const rollup = str('rollupAddress', "the rollup contract's L1 address")
  if (rollup !== undefined && !isAddress(rollup, { strict: false })) issue('rollupAddress', `must be a 20-byte hex address, got ${show(rollup)}`)
  const deploymentBlock = int('deploymentBlock', undefined, 0n, (1n << 63n) - 1n)
  const dbPath = str('dbPath', 'the SQLite file of the node store (e.g. ./data/node.sqlite)')
  if (dbPath === ':memory:') issue('dbPath', 'must be a file path (the store must survive restarts)')
  const blobArchiveDir = str('blobArchiveDir', undefined)
  const beaconUrl = url('beaconUrl', undefined)
  const fromL1 = input.blobsFromL1
  let blobsFromL1 = blobArchiveDir === undefined && beaconUrl === undefined
  if (fromL1 !== undefined && fromL1 !== '') {
    if (fromL1 === true || fromL1 === 'true' || fromL1 === '1') blobsFromL1 = true
    else if (fromL1 === false || fromL1 === 'false' || fromL1 === '0') blobsFromL1 = false
    else issue('blobsFromL1', `must be true or false, got ${show(fromL1)}`)
  }
  if (!blobsFromL1 && blobArchiveDir === undefined && beaconUrl === undefined) {
    issue('blobsFromL1', `no blob source: set ${NODE_CONFIG_ENV.blobArchiveDir}, ${NODE_CONFIG_ENV.beaconUrl}, or ${NODE_CONFIG_ENV.blobsFromL1}=true`)
  }
  const confirmations = int('confirmations', 2n, 0n, 10_000n)
  const rangeSize = int('rangeSize', 2_000n, 1n, 1_000_000n)
  const pollIntervalMs = int('pollIntervalMs', 2_000n, 10n, 3_600_000n)
  const checks = str('checks', undefined) ?? 'auto'
  if (!['auto', 'full', 'proven'].includes(checks)) issue('checks', `must be one of auto, full, proven, got ${show(checks)}`)
  const l2ChainId = input.l2ChainId === undefined || input.l2ChainId === '' ? undefined : int('l2ChainId', undefined, 1n, (1n << 64n) - 1n)
  const host = str('http.host', undefined) ?? '127.0.0.1'
  const port = int('http.port', 8548n, 0n, 65_535n)
  const logLevel = str('logLevel', undefined) ?? 'info'
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) issue('logLevel', `must be one of ${LOG_LEVELS.join(', ')}, got ${show(logLevel)}`)

  if (issues.length) throw new NodeConfigError(issues)
  return {
    l1RpcUrl: l1RpcUrl!,
    rollupAddress: rollup as Address,
    deploymentBlock: deploymentBlock!,
    dbPath: dbPath!,
    blobArchiveDir,
    beaconUrl,
    blobsFromL1,
    confirmations: confirmations!,
    rangeSize: rangeSize!,
    pollIntervalMs: Number(pollIntervalMs),
    checks: checks as NodeConfig['checks'],
    l2ChainId,
    http: { host, port: Number(port) },
    logLevel: logLevel as NodeConfig['logLevel'],
  }
}

/**
 * Reads the node configuration once from the `CW_NODE_*` variables of {@link NODE_CONFIG_ENV}
 * and checks it with {@link parseNodeConfig} (messages name the variables).
 *
 * @example
 * ```ts
 * // CW_NODE_L1_RPC_URL=http://127.0.0.1:8545 CW_NODE_ROLLUP_ADDRESS=0x… CW_NODE_DEPLOYMENT_BLOCK=1 CW_NODE_DB_PATH=./node.sqlite
 * const config = nodeConfigFromEnv(process.env)
 * ```
 */
export function nodeConfigFromEnv(env: Readonly<Record<string, string | undefined>>): NodeConfig {
  const input: Record<string, unknown> = {}
  for (const [field, name] of Object.entries(NODE_CONFIG_ENV)) if (env[name] !== undefined && env[name] !== '') input[field] = env[name]
  return parseNodeConfig(input)
}
