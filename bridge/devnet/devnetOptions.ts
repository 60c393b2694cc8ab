import { DEVNET_PARAMS, TEST_PARAMS, type ChunkParams } from '../../protocol/index.ts'
import { usageError } from '../cli/CliError.ts'

/**
 * What `startDevnet` runs and where. Every field has a default (see `devnetOptions`).
 *
 * @example
 * ```ts
 * const options: DevnetOptions = devnetOptions({ dataDir: '.devnet', l1Port: 8545 })
 * ```
 */
export interface DevnetOptions {
  /** Folder for logs, stores and `devnet.json` (wiped at each start: the L1 is fresh). */
  dataDir: string
  l1Port: number
  sequencerPort: number
  nodePort: number
  /** Name of the chunk parameter preset (`protocol/params.ts`). */
  paramsName: 'test' | 'devnet'
  params: ChunkParams
  /** Seconds between L1 blocks. */
  blockTime: number
  /** L2 chain id the sequencer answers `eth_chainId` with. */
  l2ChainId: bigint
  /** Anvil dev accounts (from index 1) given an L2 account with `fundEther` each. */
  users: number
  fundEther: string
  /** Start the prover with the generated verifier (real Groth16 proofs); else the INSECURE mock verifier. */
  realProofs: boolean
  startNode: boolean
  startProver: boolean
  /** More anvil arguments (e.g. `['--init', 'genesis.json']` for a chosen genesis `excessBlobGas`). */
  anvilArgs?: readonly string[]
  /** Extra environment per service, on top of the devnet's (e.g. `{ sequencer: { CW_BATCH_MAX_AGE_MS: '10000' } }`). */
  extraEnv?: Partial<Record<'sequencer' | 'node' | 'prover', Record<string, string>>>
}

/**
 * Devnet options with defaults: `.devnet/`, L1 on 8545, sequencer on 8547, node on 8548,
 * devnet parameters, 1-second L1 blocks, three funded users, real proofs.
 *
 * @example
 * ```ts
 * devnetOptions({ paramsName: 'test', realProofs: false }).params // TEST_PARAMS
 * ```
 */
export function devnetOptions(overrides: Partial<Omit<DevnetOptions, 'params'>> = {}): DevnetOptions {
  const paramsName = overrides.paramsName ?? 'devnet'
  const params = paramsName === 'test' ? TEST_PARAMS : paramsName === 'devnet' ? DEVNET_PARAMS : undefined
  if (!params) throw usageError({ message: `--params must be "devnet" or "test", not "${String(paramsName)}"` })
  const o: DevnetOptions = {
    dataDir: '.devnet',
    l1Port: 8545,
    sequencerPort: 8547,
    nodePort: 8548,
    blockTime: 1,
    l2ChainId: 31338n,
    users: 3,
    fundEther: '100',
    realProofs: true,
    startNode: true,
    startProver: true,
    ...overrides,
    paramsName,
    params,
  }
  for (const k of ['l1Port', 'sequencerPort', 'nodePort'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1 || o[k] > 65535) throw usageError({ message: `${k} must be a TCP port (1-65535), got ${o[k]}` })
  }
  if (new Set([o.l1Port, o.sequencerPort, o.nodePort]).size !== 3) throw usageError({ message: 'the L1, sequencer and node ports must differ' })
  if (!Number.isInteger(o.users) || o.users < 0 || o.users > 8) throw usageError({ message: `--users must be 0..8, got ${o.users}` })
  if (!(o.blockTime > 0)) throw usageError({ message: `--block-time must be positive, got ${o.blockTime}` })
  return o
}
