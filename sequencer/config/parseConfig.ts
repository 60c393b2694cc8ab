import { availableParallelism } from 'node:os'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { DEVNET_PARAMS, PRODUCTION_PARAMS, TEST_PARAMS, chunkLayout, type ChunkParams } from '../../protocol/index.ts'
import { ConfigError, type ConfigIssue } from '../errors/index.ts'
import type { SequencerConfig } from './SequencerConfig.ts'

/** Named chunk shapes a configuration may refer to. */
export const PARAMS_PRESETS: Readonly<Record<string, ChunkParams>> = { test: TEST_PARAMS, devnet: DEVNET_PARAMS, production: PRODUCTION_PARAMS }

/**
 * Defaults of every optional field (`chainId`, `rollupAddress`, `sequencerKey`, `dbPath`
 * and `params` have none). `workers` defaults to the machine's available parallelism.
 */
export const CONFIG_DEFAULTS = {
  synchronous: 'FULL',
  blockIntervalMs: 1000,
  preconfDeadlineSeconds: 3600,
  fees: { minFee: 0n },
  limits: { maxPendingPerAccount: 64, maxPendingTotal: 20_000, maxNonceGap: 16, parkTimeoutMs: 2000, submitTimeoutMs: 10_000 },
  http: {
    host: '127.0.0.1',
    port: 8547,
    bodyLimitBytes: 256 * 1024,
    maxBatchLength: 100,
    requestTimeoutMs: 10_000,
    headersTimeoutMs: 5000,
    keepAliveTimeoutMs: 5000,
    connectionTimeoutMs: 30_000,
    maxConnections: 1024,
    trustProxy: false,
  },
  rateLimit: { callsPerSecond: 500, burst: 1000 },
  l1: { confirmations: 2, pollMs: 2000, maxBlockRange: 2000, fromBlock: 0n },
  bond: { topUpBelowWei: 0n },
  batcher: { maxBatchAgeMs: 60_000, maxChunks: 32, deadlineMarginSeconds: 300, dataPath: 'cheaper' },
  logLevel: 'info',
} as const

const SHAPE: Record<string, true | Record<string, true>> = {
  chainId: true,
  l2ChainId: true,
  rollupAddress: true,
  sequencerKey: true,
  dbPath: true,
  synchronous: true,
  params: true,
  blockIntervalMs: true,
  preconfDeadlineSeconds: true,
  workers: true,
  logLevel: true,
  fees: { minFee: true, minFeeByToken: true },
  limits: { maxPendingPerAccount: true, maxPendingTotal: true, maxNonceGap: true, parkTimeoutMs: true, submitTimeoutMs: true },
  http: {
    host: true,
    port: true,
    bodyLimitBytes: true,
    maxBatchLength: true,
    requestTimeoutMs: true,
    headersTimeoutMs: true,
    keepAliveTimeoutMs: true,
    connectionTimeoutMs: true,
    maxConnections: true,
    trustProxy: true,
  },
  rateLimit: { callsPerSecond: true, burst: true },
  l1: { rpcUrl: true, confirmations: true, pollMs: true, maxBlockRange: true, fromBlock: true },
  bond: { topUpBelowWei: true, topUpToWei: true },
  batcher: { maxBatchAgeMs: true, maxChunks: true, deadlineMarginSeconds: true, feeAccounts: true, dataPath: true },
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/**
 * Checks a configuration object (from a JSON file, the environment through
 * `configFromEnv`, or code) and returns the complete {@link SequencerConfig} with defaults
 * filled in. Every wrong field is reported at once in one {@link ConfigError}, each with a
 * message that names the field, what it must be and what it was; unknown fields are errors
 * too (a typo must not silently fall back to a default).
 *
 * Numbers may be JSON numbers or decimal strings; chain ids and fees also `0x` hex.
 *
 * @example
 * ```ts
 * const config = parseConfig({
 *   chainId: 31337, rollupAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   sequencerKey: '0xac09…ff80', dbPath: './data/sequencer.db', params: 'devnet',
 * })
 * config.http.bodyLimitBytes // 262144
 * ```
 */
export function parseConfig(input: unknown, sources: Readonly<Record<string, string>> = {}): SequencerConfig {
  const issues: ConfigIssue[] = []
  const issue = (field: string, message: string): void => {
    issues.push({ field: sources[field] ? `${field} (${sources[field]})` : field, message })
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ConfigError([{ field: '(root)', message: 'must be an object' }])
  const root = input as Record<string, unknown>
  checkUnknown(root, SHAPE, '', issue)

  const sub = (key: string): Record<string, unknown> => {
    const v = root[key]
    if (v === undefined) return {}
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      issue(key, `must be an object, got ${show(v)}`)
      return {}
    }
    return v as Record<string, unknown>
  }
  const r = reader(issue)

  const chainId = r.bigint('chainId', root.chainId, { min: 1n, max: (1n << 64n) - 1n })
  const l2ChainId = root.l2ChainId === undefined ? chainId : r.bigint('l2ChainId', root.l2ChainId, { min: 1n, max: (1n << 64n) - 1n })
  const rollupAddress = r.address('rollupAddress', root.rollupAddress)
  const sequencerKey = r.privateKey('sequencerKey', root.sequencerKey)
  const dbPath = r.string('dbPath', root.dbPath)
  if (dbPath === ':memory:' || dbPath === '') issue('dbPath', `must be a file path (the store is shared by two connections and must survive restarts), got ${show(dbPath)}`)
  const synchronous = r.oneOf('synchronous', root.synchronous ?? CONFIG_DEFAULTS.synchronous, ['FULL', 'NORMAL'] as const)
  const params = r.params('params', root.params)
  const blockIntervalMs = r.int('blockIntervalMs', root.blockIntervalMs ?? CONFIG_DEFAULTS.blockIntervalMs, 10, 60_000)
  const preconfDeadlineSeconds = r.int('preconfDeadlineSeconds', root.preconfDeadlineSeconds ?? CONFIG_DEFAULTS.preconfDeadlineSeconds, 1, 7 * 86_400)
  const workers = r.int('workers', root.workers ?? Math.max(1, availableParallelism()), 0, 64)
  const logLevel = r.oneOf('logLevel', root.logLevel ?? CONFIG_DEFAULTS.logLevel, LOG_LEVELS)

  const fees = sub('fees')
  const minFee = r.bigint('fees.minFee', fees.minFee ?? CONFIG_DEFAULTS.fees.minFee, { min: 0n, max: (1n << 128n) - 1n })
  const minFeeByToken = new Map<bigint, bigint>()
  if (fees.minFeeByToken !== undefined) {
    if (typeof fees.minFeeByToken !== 'object' || fees.minFeeByToken === null || Array.isArray(fees.minFeeByToken)) {
      issue('fees.minFeeByToken', `must be an object of token id to minimum fee, got ${show(fees.minFeeByToken)}`)
    } else {
      for (const [token, fee] of Object.entries(fees.minFeeByToken)) {
        const id = r.bigint(`fees.minFeeByToken.${token} (token id)`, token, { min: 0n, max: (1n << 32n) - 1n })
        const v = r.bigint(`fees.minFeeByToken.${token}`, fee, { min: 0n, max: (1n << 128n) - 1n })
        if (id !== undefined && v !== undefined) minFeeByToken.set(id, v)
      }
    }
  }

  const L = sub('limits')
  const D = CONFIG_DEFAULTS.limits
  const limits = {
    maxPendingPerAccount: r.int('limits.maxPendingPerAccount', L.maxPendingPerAccount ?? D.maxPendingPerAccount, 1, 1_000_000),
    maxPendingTotal: r.int('limits.maxPendingTotal', L.maxPendingTotal ?? D.maxPendingTotal, 1, 10_000_000),
    maxNonceGap: r.int('limits.maxNonceGap', L.maxNonceGap ?? D.maxNonceGap, 0, 1024),
    parkTimeoutMs: r.int('limits.parkTimeoutMs', L.parkTimeoutMs ?? D.parkTimeoutMs, 1, 600_000),
    submitTimeoutMs: r.int('limits.submitTimeoutMs', L.submitTimeoutMs ?? D.submitTimeoutMs, 1, 600_000),
  }
  if (limits.maxPendingPerAccount !== undefined && limits.maxPendingTotal !== undefined && limits.maxPendingPerAccount > limits.maxPendingTotal) {
    issue('limits.maxPendingPerAccount', `must not exceed limits.maxPendingTotal (${limits.maxPendingTotal}), got ${limits.maxPendingPerAccount}`)
  }

  const H = sub('http')
  const HD = CONFIG_DEFAULTS.http
  const http = {
    host: r.string('http.host', H.host ?? HD.host),
    port: r.int('http.port', H.port ?? HD.port, 0, 65_535),
    bodyLimitBytes: r.int('http.bodyLimitBytes', H.bodyLimitBytes ?? HD.bodyLimitBytes, 256, 64 * 1024 * 1024),
    maxBatchLength: r.int('http.maxBatchLength', H.maxBatchLength ?? HD.maxBatchLength, 1, 100_000),
    requestTimeoutMs: r.int('http.requestTimeoutMs', H.requestTimeoutMs ?? HD.requestTimeoutMs, 1, 600_000),
    headersTimeoutMs: r.int('http.headersTimeoutMs', H.headersTimeoutMs ?? HD.headersTimeoutMs, 1, 600_000),
    keepAliveTimeoutMs: r.int('http.keepAliveTimeoutMs', H.keepAliveTimeoutMs ?? HD.keepAliveTimeoutMs, 1, 600_000),
    connectionTimeoutMs: r.int('http.connectionTimeoutMs', H.connectionTimeoutMs ?? HD.connectionTimeoutMs, 1, 3_600_000),
    maxConnections: r.int('http.maxConnections', H.maxConnections ?? HD.maxConnections, 1, 1_000_000),
    trustProxy: r.bool('http.trustProxy', H.trustProxy ?? HD.trustProxy),
  }
  if (http.headersTimeoutMs !== undefined && http.requestTimeoutMs !== undefined && http.headersTimeoutMs > http.requestTimeoutMs) {
    issue('http.headersTimeoutMs', `must not exceed http.requestTimeoutMs (${http.requestTimeoutMs}), got ${http.headersTimeoutMs}`)
  }

  const RL = sub('rateLimit')
  const rateLimit = {
    callsPerSecond: r.int('rateLimit.callsPerSecond', RL.callsPerSecond ?? CONFIG_DEFAULTS.rateLimit.callsPerSecond, 0, 10_000_000),
    burst: r.int('rateLimit.burst', RL.burst ?? CONFIG_DEFAULTS.rateLimit.burst, 1, 10_000_000),
  }
  if (limits.submitTimeoutMs !== undefined && limits.parkTimeoutMs !== undefined && limits.submitTimeoutMs <= limits.parkTimeoutMs) {
    issue('limits.submitTimeoutMs', `must be longer than limits.parkTimeoutMs (${limits.parkTimeoutMs}), got ${limits.submitTimeoutMs}`)
  }

  const L1 = sub('l1')
  const L1D = CONFIG_DEFAULTS.l1
  let rpcUrl: string | undefined
  if (L1.rpcUrl !== undefined && L1.rpcUrl !== '') {
    rpcUrl = r.string('l1.rpcUrl', L1.rpcUrl)
    if (rpcUrl !== undefined && !/^(https?|wss?):\/\/\S+$/.test(rpcUrl)) issue('l1.rpcUrl', `must be an http(s) or ws(s) URL, got ${show(rpcUrl)}`)
  }
  const l1 = {
    rpcUrl,
    confirmations: r.int('l1.confirmations', L1.confirmations ?? L1D.confirmations, 0, 1000),
    pollMs: r.int('l1.pollMs', L1.pollMs ?? L1D.pollMs, 10, 600_000),
    maxBlockRange: r.int('l1.maxBlockRange', L1.maxBlockRange ?? L1D.maxBlockRange, 1, 1_000_000),
    fromBlock: r.bigint('l1.fromBlock', L1.fromBlock ?? L1D.fromBlock, { min: 0n, max: (1n << 63n) - 1n }),
  }
  const BO = sub('bond')
  const MAX_WEI = (1n << 128n) - 1n
  const topUpBelowWei = r.bigint('bond.topUpBelowWei', BO.topUpBelowWei ?? CONFIG_DEFAULTS.bond.topUpBelowWei, { min: 0n, max: MAX_WEI })
  const topUpToWei = r.bigint('bond.topUpToWei', BO.topUpToWei ?? (topUpBelowWei ?? 0n) * 2n, { min: 0n, max: MAX_WEI })
  if (topUpBelowWei !== undefined && topUpToWei !== undefined && topUpBelowWei > 0n && topUpToWei <= topUpBelowWei) {
    issue('bond.topUpToWei', `must be above bond.topUpBelowWei (${topUpBelowWei}), got ${topUpToWei}`)
  }
  const B = sub('batcher')
  const BD = CONFIG_DEFAULTS.batcher
  const batcher = {
    maxBatchAgeMs: r.int('batcher.maxBatchAgeMs', B.maxBatchAgeMs ?? BD.maxBatchAgeMs, 10, 7 * 86_400_000),
    maxChunks: r.int('batcher.maxChunks', B.maxChunks ?? BD.maxChunks, 1, 4096),
    deadlineMarginSeconds: r.int('batcher.deadlineMarginSeconds', B.deadlineMarginSeconds ?? BD.deadlineMarginSeconds, 0, 86_400),
    feeAccounts: feeAccountsOf(B.feeAccounts, r, issue),
    dataPath: r.oneOf('batcher.dataPath', B.dataPath ?? BD.dataPath, ['cheaper', 'blob'] as const),
  }
  if (batcher.maxBatchAgeMs !== undefined && preconfDeadlineSeconds !== undefined && batcher.maxBatchAgeMs >= preconfDeadlineSeconds * 1000) {
    issue('batcher.maxBatchAgeMs', `must be below preconfDeadlineSeconds (${preconfDeadlineSeconds} s): a batch sealed later would miss the preconfirmations' L1 deadline, got ${batcher.maxBatchAgeMs} ms`)
  }
  if (batcher.feeAccounts && params && batcher.feeAccounts.size > 0 && [...batcher.feeAccounts.values()].some((i) => i < 1n || i >= 1n << BigInt(params.depth))) {
    issue('batcher.feeAccounts', `account indices must be from 1 to 2^${params.depth} - 1`)
  }

  if (issues.length > 0) throw new ConfigError(issues)
  return {
    chainId: chainId!,
    l2ChainId: l2ChainId!,
    rollupAddress: rollupAddress!,
    sequencerKey: sequencerKey!,
    dbPath: dbPath!,
    synchronous: synchronous!,
    params: params!,
    blockIntervalMs: blockIntervalMs!,
    preconfDeadlineSeconds: preconfDeadlineSeconds!,
    workers: workers!,
    fees: { minFee: minFee!, minFeeByToken },
    limits: limits as SequencerConfig['limits'],
    http: http as SequencerConfig['http'],
    rateLimit: rateLimit as SequencerConfig['rateLimit'],
    l1: l1 as SequencerConfig['l1'],
    bond: { topUpBelowWei: topUpBelowWei!, topUpToWei: topUpToWei! },
    batcher: batcher as SequencerConfig['batcher'],
    logLevel: logLevel!,
  }
}

function checkUnknown(obj: Record<string, unknown>, shape: Record<string, true | Record<string, true>>, prefix: string, issue: (f: string, m: string) => void): void {
  for (const key of Object.keys(obj)) {
    const spec = shape[key]
    if (spec === undefined) {
      const near = Object.keys(shape).find((k) => k.toLowerCase() === key.toLowerCase())
      issue(`${prefix}${key}`, `unknown field${near ? ` (did you mean '${prefix}${near}'?)` : ''}; known: ${Object.keys(shape).join(', ')}`)
    } else if (spec !== true) {
      const v = obj[key]
      if (typeof v === 'object' && v !== null && !Array.isArray(v) && key !== 'minFeeByToken' && key !== 'feeAccounts') checkUnknown(v as Record<string, unknown>, spec, `${prefix}${key}.`, issue)
    }
  }
}

/**
 * Fee accounts by token: an object `{ "0": 5 }` (token id to account index) or, from the
 * environment, `0:5,1:9`.
 */
function feeAccountsOf(v: unknown, r: ReturnType<typeof reader>, issue: (f: string, m: string) => void): Map<bigint, bigint> {
  const out = new Map<bigint, bigint>()
  if (v === undefined || v === '') return out
  let pairs: [string, unknown][]
  if (typeof v === 'string') {
    pairs = []
    for (const part of v.split(',')) {
      const m = /^\s*(\w+)\s*:\s*(\w+)\s*$/.exec(part)
      if (!m) {
        issue('batcher.feeAccounts', `must be a list token:account such as "0:5,1:9", got ${show(v)}`)
        return out
      }
      pairs.push([m[1]!, m[2]])
    }
  } else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    pairs = Object.entries(v)
  } else {
    issue('batcher.feeAccounts', `must be an object of token id to account index, got ${show(v)}`)
    return out
  }
  for (const [token, index] of pairs) {
    const id = r.bigint(`batcher.feeAccounts.${token} (token id)`, token, { min: 0n, max: (1n << 32n) - 1n })
    const at = r.bigint(`batcher.feeAccounts.${token}`, index, { min: 1n, max: (1n << 64n) - 1n })
    if (id !== undefined && at !== undefined) out.set(id, at)
  }
  return out
}

/** A short, safe rendering of a bad value for an error message. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (typeof v === 'bigint') return `${v}`
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}

function reader(issue: (field: string, message: string) => void) {
  return {
    int(field: string, v: unknown, min: number, max: number): number | undefined {
      const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v
      if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
        issue(field, `must be an integer from ${min} to ${max}, got ${show(v)}`)
        return undefined
      }
      return n
    },
    bigint(field: string, v: unknown, range: { min: bigint; max: bigint }): bigint | undefined {
      let b: bigint | undefined
      if (typeof v === 'bigint') b = v
      else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v)
      else if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/.test(v.trim())) b = BigInt(v.trim())
      if (b === undefined || b < range.min || b > range.max) {
        issue(field, `${v === undefined ? 'is required: ' : ''}must be an integer from ${range.min} to ${range.max} (decimal or 0x hex), got ${show(v)}`)
        return undefined
      }
      return b
    },
    string(field: string, v: unknown): string | undefined {
      if (typeof v !== 'string') {
        issue(field, `${v === undefined ? 'is required: ' : ''}must be a string, got ${show(v)}`)
        return undefined
      }
      return v
    },
    bool(field: string, v: unknown): boolean | undefined {
      if (v === true || v === 'true' || v === '1') return true
      if (v === false || v === 'false' || v === '0') return false
      issue(field, `must be true or false, got ${show(v)}`)
      return undefined
    },
    oneOf<T extends string>(field: string, v: unknown, options: readonly T[]): T | undefined {
      if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T
      issue(field, `must be one of ${options.join(', ')}, got ${show(v)}`)
      return undefined
    },
    address(field: string, v: unknown): `0x${string}` | undefined {
      if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) {
        issue(field, `${v === undefined ? 'is required: ' : ''}must be a 20-byte 0x-prefixed hex address, got ${show(v)}`)
        return undefined
      }
      if (/^0x0{40}$/.test(v)) {
        issue(field, 'must not be the zero address')
        return undefined
      }
      return v.toLowerCase() as `0x${string}`
    },
    privateKey(field: string, v: unknown): `0x${string}` | undefined {
      // Never echo a key back: the message only says what is wrong with it.
      if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(v)) {
        issue(field, v === undefined ? 'is required: a 32-byte 0x-prefixed hex secp256k1 private key' : `must be a 32-byte 0x-prefixed hex secp256k1 private key (got ${typeof v === 'string' ? `a string of ${v.length} characters` : typeof v})`)
        return undefined
      }
      const k = BigInt(v)
      if (k === 0n || k >= secp256k1.Point.Fn.ORDER) {
        issue(field, 'is not a valid secp256k1 private key: it must be from 1 to the curve order minus 1')
        return undefined
      }
      return v.toLowerCase() as `0x${string}`
    },
    params(field: string, v: unknown): ChunkParams | undefined {
      if (typeof v === 'string') {
        const p = PARAMS_PRESETS[v]
        if (!p) issue(field, `must be one of ${Object.keys(PARAMS_PRESETS).join(', ')} or { depth, nTx, nQueue, nFee }, got ${show(v)}`)
        return p
      }
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const o = v as Record<string, unknown>
        const p = { depth: Number(o.depth), nTx: Number(o.nTx), nQueue: Number(o.nQueue), nFee: Number(o.nFee) }
        try {
          chunkLayout(p)
          return p
        } catch (e) {
          issue(field, (e as Error).message)
          return undefined
        }
      }
      issue(field, `${v === undefined ? 'is required: ' : ''}must be one of ${Object.keys(PARAMS_PRESETS).join(', ')} or { depth, nTx, nQueue, nFee }, got ${show(v)}`)
      return undefined
    },
  }
}
