import type { Abi, Account, Address, Chain, Hex, PublicClient, TransactionReceipt, Transport, WalletClient } from 'viem'
import { loadArtifact, type ContractArtifact } from '../../l1-contracts/build/artifact.ts'
import { L1ContractsError } from '../../l1-contracts/build/errors.ts'

/**
 * Deploys a compiled contract by name from `l1-contracts/build/contracts` (run
 * `compileContracts` first) and waits for the receipt. Throws an `L1ContractsError`
 * (`CONTRACT_NOT_FOUND`, `NOT_DEPLOYABLE`, `DEPLOY_FAILED`) when the artifact is missing, is
 * an interface or still needs library linking, or the deployment reverts.
 *
 * @example
 * ```ts
 * const anvil = await startAnvil()
 * const { address } = await deployContract({ anvil, name: 'PoseidonT3' })
 * await anvil.publicClient.readContract({ address, abi: poseidonT3Abi, functionName: 'hash2', args: [1n, 2n] })
 * ```
 */
export async function deployContract(params: {
  anvil: { publicClient: PublicClient<Transport, Chain>; walletClient: WalletClient<Transport, Chain, Account> }
  name: string
  /** Constructor arguments. */
  args?: readonly unknown[]
  /** Deploy from another account (default `anvil.walletClient`). */
  from?: WalletClient<Transport, Chain, Account>
  /** Artifact folder (default `l1-contracts/build/contracts`). */
  dir?: string
  /** Or deploy this artifact instead of loading one by name. */
  artifact?: Pick<ContractArtifact, 'contractName' | 'abi' | 'bytecode' | 'linkReferences'>
}): Promise<{ address: Address; abi: Abi; receipt: TransactionReceipt; gasUsed: bigint }> {
  const { anvil, name, args = [], from = anvil.walletClient } = params
  const artifact = params.artifact ?? loadArtifact({ name, ...(params.dir ? { dir: params.dir } : {}) })
  if (artifact.bytecode === '0x') throw new L1ContractsError('NOT_DEPLOYABLE', `${name} has no creation code (an interface or abstract contract)`)
  if (Object.keys(artifact.linkReferences ?? {}).length > 0) throw new L1ContractsError('NOT_DEPLOYABLE', `${name} needs library linking (${Object.keys(artifact.linkReferences).join(', ')})`)
  const hash = await from.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode as Hex, args: args as unknown[] } as Parameters<typeof from.deployContract>[0])
  const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new L1ContractsError('DEPLOY_FAILED', `deploying ${name} failed (transaction ${hash})`)
  return { address: receipt.contractAddress, abi: artifact.abi, receipt, gasUsed: receipt.gasUsed }
}
