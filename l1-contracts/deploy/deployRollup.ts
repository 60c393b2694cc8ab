import type { Abi, Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem'
import { domainHash, stateRoot, zeroHashes, type ChunkParams } from '../../protocol/index.ts'
import { loadArtifact, type ContractArtifact } from '../build/artifact.ts'
import { compileContracts } from '../build/compile.ts'
import { L1ContractsError } from '../build/errors.ts'
import { counterweightRollupAbi } from '../abi/abis.ts'
import { compileVerifier } from './compileVerifier.ts'
import { ROLLUP_SETTINGS, type RollupSettings } from './config.ts'

/**
 * Which chunk verifier the rollup uses: an already deployed one, the snarkjs-generated
 * Solidity file of the circuit's keys (compiled and deployed), or the INSECURE test mock.
 *
 * @example
 * ```ts
 * const v: VerifierChoice = { kind: 'generated', solPath: keys.verifier }
 * ```
 */
export type VerifierChoice = { kind: 'address'; address: Address } | { kind: 'generated'; solPath: string } | { kind: 'insecure-mock' }

/** Addresses of the four Poseidon hashers (2, 3, 4 and 5 inputs). */
export interface PoseidonHashers {
  poseidon2: Address
  poseidon3: Address
  poseidon4: Address
  poseidon5: Address
}

/**
 * A deployed rollup: addresses, the values the contract derived (checked against
 * `protocol/`), and what it was deployed with.
 *
 * @example
 * ```ts
 * const { rollup, domain }: RollupDeployment = await deployRollup({ ... })
 * ```
 */
export interface RollupDeployment {
  rollup: Address
  /** The `PreconfirmationSlasher` the rollup created in its constructor (`slasher()`). */
  slasher: Address
  verifier: Address
  verifierKind: VerifierChoice['kind']
  hashers: PoseidonHashers
  chainId: number
  /** Block of the rollup's creation: a node reads events from here. */
  blockNumber: bigint
  params: ChunkParams
  settings: RollupSettings
  sequencer: Address
  /** `Poseidon(DOMAIN_TAG, chainId, rollup)`, public input 8 of every chunk proof. */
  domain: bigint
  genesisStateRoot: bigint
}

type Clients = {
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  publicClient: PublicClient<Transport, Chain | undefined>
}

/**
 * Deploys the Poseidon hashers (unless given), the chunk verifier (unless given an address)
 * and `CounterweightRollup` for `params` (which creates its `PreconfirmationSlasher`), from `walletClient`'s account, against any JSON-RPC
 * endpoint; optionally posts the sequencer bond (when the sequencer is the deployer). Builds
 * the contracts first (cached). Checks that the contract's domain and genesis root equal
 * `protocol/`'s and throws an `L1ContractsError` (`DEPLOY_FAILED`) otherwise.
 *
 * @example
 * ```ts
 * const d = await deployRollup({
 *   walletClient, publicClient, params: TEST_PARAMS,
 *   verifier: { kind: 'generated', solPath: keys.verifier },
 *   settings: ROLLUP_SETTINGS.test, bond: parseEther('1'),
 * })
 * ```
 */
export async function deployRollup(
  params: Clients & {
    params: ChunkParams
    verifier: VerifierChoice
    /** Default: ROLLUP_SETTINGS.devnet, with these overrides. */
    settings?: Partial<RollupSettings>
    /** Default: the deployer. */
    sequencer?: Address
    /** Bond to post from the deployer (only when the deployer is the sequencer). */
    bond?: bigint
    /** Reuse deployed hashers. */
    hashers?: PoseidonHashers
  },
): Promise<RollupDeployment> {
  const { walletClient, publicClient } = params
  const settings: RollupSettings = { ...ROLLUP_SETTINGS.devnet, ...params.settings }
  const sequencer = params.sequencer ?? walletClient.account.address
  await compileContracts({})
  const hashers = params.hashers ?? {
    poseidon2: (await deployArtifact({ ...params, artifact: loadArtifact({ name: 'PoseidonT3' }) })).address,
    poseidon3: (await deployArtifact({ ...params, artifact: loadArtifact({ name: 'PoseidonT4' }) })).address,
    poseidon4: (await deployArtifact({ ...params, artifact: loadArtifact({ name: 'PoseidonT5' }) })).address,
    poseidon5: (await deployArtifact({ ...params, artifact: loadArtifact({ name: 'PoseidonT6' }) })).address,
  }
  const verifier =
    params.verifier.kind === 'address'
      ? params.verifier.address
      : (
          await deployArtifact({
            ...params,
            artifact: params.verifier.kind === 'generated' ? await compileVerifier({ solPath: params.verifier.solPath }) : loadArtifact({ name: 'InsecureMockChunkVerifier' }),
          })
        ).address
  const p = params.params
  const config = {
    depth: BigInt(p.depth),
    nTx: BigInt(p.nTx),
    nQueue: BigInt(p.nQueue),
    nFee: BigInt(p.nFee),
    verifier,
    ...hashers,
    sequencer,
    inclusionDelay: settings.inclusionDelay,
    proofWindow: settings.proofWindow,
    escapeDelay: settings.escapeDelay,
    handoverDelay: settings.handoverDelay,
    minBond: settings.minBond,
    bondWithdrawalDelay: settings.bondWithdrawalDelay,
    queueFeeBase: settings.queueFeeBase,
    queueFeeStep: settings.queueFeeStep,
  }
  const { address: rollup, blockNumber } = await deployArtifact({ ...params, artifact: loadArtifact({ name: 'CounterweightRollup' }), args: [config] })
  const chainId = await publicClient.getChainId()
  const read = <T>(functionName: 'domain' | 'genesisStateRoot' | 'slasher'): Promise<T> =>
    publicClient.readContract({ address: rollup, abi: counterweightRollupAbi, functionName }) as Promise<T>
  const domain = await read<bigint>('domain')
  const genesisStateRoot = await read<bigint>('genesisStateRoot')
  const slasher = await read<Address>('slasher')
  const expectedDomain = domainHash({ chainId: BigInt(chainId), rollupAddress: BigInt(rollup) })
  const expectedGenesis = stateRoot({ accountRoot: zeroHashes(p.depth)[p.depth]!, nextIndex: 1n })
  if (domain !== expectedDomain || genesisStateRoot !== expectedGenesis) {
    throw new L1ContractsError('DEPLOY_FAILED', `rollup at ${rollup} derived domain ${domain} and genesis ${genesisStateRoot}; protocol/ says ${expectedDomain} and ${expectedGenesis}`)
  }
  if (params.bond !== undefined && params.bond > 0n) {
    if (sequencer.toLowerCase() !== walletClient.account.address.toLowerCase()) {
      throw new L1ContractsError('DEPLOY_FAILED', 'bond: only the deployer can post its own bond; the sequencer is another account')
    }
    const hash = await walletClient.writeContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'depositBond', value: params.bond, chain: walletClient.chain, account: walletClient.account })
    const r = await publicClient.waitForTransactionReceipt({ hash })
    if (r.status !== 'success') throw new L1ContractsError('DEPLOY_FAILED', `depositBond reverted (${hash})`)
  }
  return { rollup, slasher, verifier, verifierKind: params.verifier.kind, hashers, chainId, blockNumber, params: { ...p }, settings, sequencer, domain, genesisStateRoot }
}

/**
 * Deploys one compiled artifact and waits for it; throws `L1ContractsError` (`DEPLOY_FAILED`)
 * when the creation reverts or leaves no code.
 *
 * @example
 * ```ts
 * const { address } = await deployArtifact({ walletClient, publicClient, artifact: loadArtifact({ name: 'PoseidonT3' }) })
 * ```
 */
export async function deployArtifact(params: Clients & { artifact: ContractArtifact; args?: readonly unknown[] }): Promise<{ address: Address; blockNumber: bigint; gasUsed: bigint }> {
  const { walletClient, publicClient, artifact } = params
  if (Object.keys(artifact.linkReferences).length > 0) throw new L1ContractsError('NOT_DEPLOYABLE', `${artifact.contractName} needs library linking`)
  const hash: Hex = await walletClient.deployContract({
    abi: artifact.abi as Abi,
    bytecode: artifact.bytecode,
    args: (params.args ?? []) as never,
    chain: walletClient.chain,
    account: walletClient.account,
  } as never)
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new L1ContractsError('DEPLOY_FAILED', `deploying ${artifact.contractName} failed (${hash})`)
  return { address: receipt.contractAddress, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
}
