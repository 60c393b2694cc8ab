import { existsSync } from 'node:fs'
import { getAddress, isAddress, type Address, type Hex } from 'viem'
import { ProverConfigError, type ProverConfigIssue } from '../errors.ts'

/** How the prover proves (see `ProofSystem`). */
export type ProverProofs =
  /** Real proofs with the given circuit files (production, or any deployment with a generated verifier). */
  | { kind: 'groth16'; wasm: string; zkey: string }
  /** Real proofs with the INSECURE development keys of the rollup's parameters, built on demand under `build/circuits/` (devnets). */
  | { kind: 'groth16-dev' }
  /** INSECURE mock proofs, for rollups deployed with the mock verifier (tests, quick devnets). */
  | { kind: 'insecure-mock' }

/** The prover process's configuration, read once at start (see {@link proverConfigFromEnv}). */
export interface ProverConfig {
  l1RpcUrl: string
  rollup: Address
  /** Block of the rollup's deployment: where its events start. */
  deploymentBlock: bigint
  /** The key that signs `prove`, `finalize` and take-over transactions (it pays their gas). */
  privateKey: Hex
  proofs: ProverProofs
  /** Idle wait between looks at L1. */
  pollMs: number
  /** Blocks below the L1 head before events are read. */
  confirmations: bigint
  /** SQLite file of the prover's node (its state persists there); `:memory:` rebuilds from L1 on every start. */
  storePath: string
  /** Optional folder of archived blobs (`<versionedHash>.blob`), asked before the L1 endpoint. */
  blobArchive: string | undefined
  /** Optional beacon API for blobs (production L1s: execution endpoints do not serve blobs). */
  beaconUrl: string | undefined
  /** The sequencer's RPC, for the owners' signatures of L2 transactions (`rollup_getTransactionSignatures`); L1 data has none. */
  sequencerUrl: string | undefined
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/** The environment variable of each setting. */
export const PROVER_ENV = {
  l1RpcUrl: 'CW_L1_RPC_URL',
  rollup: 'CW_ROLLUP_ADDRESS',
  deploymentBlock: 'CW_DEPLOYMENT_BLOCK',
  privateKey: 'CW_PROVER_KEY',
  proofs: 'CW_PROVER_PROOFS',
  wasm: 'CW_PROVER_WASM',
  zkey: 'CW_PROVER_ZKEY',
  pollMs: 'CW_PROVER_POLL_MS',
  confirmations: 'CW_PROVER_CONFIRMATIONS',
  storePath: 'CW_PROVER_STORE',
  blobArchive: 'CW_BLOB_ARCHIVE',
  beaconUrl: 'CW_BEACON_URL',
  sequencerUrl: 'CW_PROVER_SEQUENCER_URL',
  logLevel: 'CW_LOG_LEVEL',
} as const

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/**
 * Reads and checks the prover's configuration from `CW_*` variables ({@link PROVER_ENV}),
 * reporting every wrong or missing variable at once by name ({@link ProverConfigError}).
 * Required: `CW_L1_RPC_URL`, `CW_ROLLUP_ADDRESS`, `CW_DEPLOYMENT_BLOCK`, `CW_PROVER_KEY`, and
 * with `CW_PROVER_PROOFS=groth16` (the default) `CW_PROVER_WASM` and `CW_PROVER_ZKEY`
 * (`dev`: INSECURE development keys of the rollup's parameters; `insecure-mock`: mock proofs).
 *
 * @example
 * ```ts
 * const config = proverConfigFromEnv(process.env)
 * // CW_L1_RPC_URL=http://127.0.0.1:8545 CW_ROLLUP_ADDRESS=0x… CW_DEPLOYMENT_BLOCK=1 CW_PROVER_KEY=0x… CW_PROVER_PROOFS=dev
 * ```
 */
export function proverConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ProverConfig {
  const issues: ProverConfigIssue[] = []
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim()
    return v === undefined || v === '' ? undefined : v
  }
  const required = (name: string, what: string): string => {
    const v = get(name)
    if (v === undefined) issues.push({ field: name, message: `is required (${what})` })
    return v ?? ''
  }
  const integer = (name: string, fallback: bigint, min: bigint): bigint => {
    const v = get(name)
    if (v === undefined) return fallback
    if (!/^\d+$/.test(v) || BigInt(v) < min) {
      issues.push({ field: name, message: `must be an integer >= ${min}, got '${v}'` })
      return fallback
    }
    return BigInt(v)
  }

  const l1RpcUrl = required(PROVER_ENV.l1RpcUrl, 'the L1 JSON-RPC endpoint, http(s)://…')
  if (l1RpcUrl && !/^https?:\/\/\S+$/.test(l1RpcUrl)) issues.push({ field: PROVER_ENV.l1RpcUrl, message: `must be an http(s) URL, got '${l1RpcUrl}'` })
  const rollupText = required(PROVER_ENV.rollup, 'the rollup contract address')
  if (rollupText && !isAddress(rollupText, { strict: false })) issues.push({ field: PROVER_ENV.rollup, message: `must be a 20-byte hex address, got '${rollupText}'` })
  const deploymentText = required(PROVER_ENV.deploymentBlock, "the rollup's deployment block")
  const deploymentBlock = deploymentText ? integer(PROVER_ENV.deploymentBlock, 0n, 0n) : 0n
  const privateKey = required(PROVER_ENV.privateKey, 'the 32-byte hex key that signs prove/finalize transactions')
  if (privateKey && !/^0x[0-9a-fA-F]{64}$/.test(privateKey)) issues.push({ field: PROVER_ENV.privateKey, message: 'must be 0x followed by 64 hex digits' })

  let proofs: ProverProofs = { kind: 'insecure-mock' }
  const mode = get(PROVER_ENV.proofs) ?? 'groth16'
  if (mode === 'groth16') {
    const wasm = required(PROVER_ENV.wasm, `the chunk circuit's .wasm (or set ${PROVER_ENV.proofs}=dev)`)
    const zkey = required(PROVER_ENV.zkey, `the chunk circuit's proving key .zkey (or set ${PROVER_ENV.proofs}=dev)`)
    for (const [name, path] of [[PROVER_ENV.wasm, wasm], [PROVER_ENV.zkey, zkey]] as const) if (path && !existsSync(path)) issues.push({ field: name, message: `no file at '${path}'` })
    proofs = { kind: 'groth16', wasm, zkey }
  } else if (mode === 'dev') proofs = { kind: 'groth16-dev' }
  else if (mode === 'insecure-mock') proofs = { kind: 'insecure-mock' }
  else issues.push({ field: PROVER_ENV.proofs, message: `must be groth16, dev or insecure-mock, got '${mode}'` })

  const pollMs = Number(integer(PROVER_ENV.pollMs, 2_000n, 10n))
  const confirmations = integer(PROVER_ENV.confirmations, 2n, 0n)
  const beaconUrl = get(PROVER_ENV.beaconUrl)
  if (beaconUrl && !/^https?:\/\/\S+$/.test(beaconUrl)) issues.push({ field: PROVER_ENV.beaconUrl, message: `must be an http(s) URL, got '${beaconUrl}'` })
  const sequencerUrl = get(PROVER_ENV.sequencerUrl)
  if (sequencerUrl && !/^https?:\/\/\S+$/.test(sequencerUrl)) issues.push({ field: PROVER_ENV.sequencerUrl, message: `must be an http(s) URL, got '${sequencerUrl}'` })
  const logLevel = (get(PROVER_ENV.logLevel) ?? 'info') as ProverConfig['logLevel']
  if (!LEVELS.includes(logLevel)) issues.push({ field: PROVER_ENV.logLevel, message: `must be one of ${LEVELS.join(', ')}, got '${logLevel}'` })

  if (issues.length) throw new ProverConfigError(issues)
  return {
    l1RpcUrl,
    rollup: getAddress(rollupText),
    deploymentBlock,
    privateKey: privateKey as Hex,
    proofs,
    pollMs,
    confirmations,
    storePath: get(PROVER_ENV.storePath) ?? ':memory:',
    blobArchive: get(PROVER_ENV.blobArchive),
    beaconUrl,
    sequencerUrl,
    logLevel,
  }
}
