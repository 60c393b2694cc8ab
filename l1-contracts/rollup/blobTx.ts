import { createRequire } from 'node:module'
import { BaseError, ContractFunctionRevertedError, bytesToHex, commitmentToVersionedHash, type Abi, type Account, type Address, type Chain, type Hex, type Kzg, type PublicClient, type TransactionReceipt, type Transport, type WalletClient } from 'viem'

/** The part of `c-kzg` the helpers use. */
export interface CKzg {
  loadTrustedSetup(precompute: number, filePath?: string): void
  blobToKzgCommitment(blob: Uint8Array): Uint8Array
  computeBlobKzgProof(blob: Uint8Array, commitment: Uint8Array): Uint8Array
  /** `[proof, y]` of the blob at `z` (32-byte big-endian). */
  computeKzgProof(blob: Uint8Array, z: Uint8Array): [Uint8Array, Uint8Array]
  verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean
}

let kzg: Kzg | undefined
let ckzg: CKzg | undefined

/**
 * `c-kzg` itself with the bundled mainnet trusted setup, loaded once.
 *
 * @example
 * ```ts
 * const [proof, y] = loadCKzg().computeKzgProof(blob, zBytes)
 * ```
 */
export function loadCKzg(): CKzg {
  if (ckzg) return ckzg
  const c = createRequire(import.meta.url)('c-kzg') as CKzg
  try {
    c.loadTrustedSetup(0)
  } catch (e) {
    if (!/already loaded/i.test((e as Error).message)) throw e
  }
  ckzg = c
  return c
}

/**
 * viem's KZG interface over `c-kzg` with the bundled mainnet trusted setup, loaded once.
 *
 * @example
 * ```ts
 * await walletClient.sendTransaction({ to, data, blobs: [blob], kzg: loadKzg() })
 * ```
 */
export function loadKzg(): Kzg {
  if (kzg) return kzg
  const c = loadCKzg()
  kzg = { blobToKzgCommitment: (blob) => c.blobToKzgCommitment(blob), computeBlobKzgProof: (blob, commitment) => c.computeBlobKzgProof(blob, commitment) }
  return kzg
}

/**
 * Sends a type-3 transaction carrying one blob with calldata `data` to `to` and waits for its
 * receipt (whatever its status). `maxFeePerBlobGas` defaults to twice the current blob base
 * fee (at least 1 gwei).
 *
 * @example
 * ```ts
 * const data = encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [claims, opening] })
 * const receipt = await sendBlobTransaction({ walletClient, publicClient, to: rollup, data, blob })
 * ```
 */
export async function sendBlobTransaction(params: {
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  publicClient: PublicClient<Transport, Chain | undefined>
  to: Hex
  data: Hex
  blob: Uint8Array
  maxFeePerBlobGas?: bigint
  gas?: bigint
}): Promise<TransactionReceipt> {
  const { walletClient, publicClient } = params
  const blobBaseFee = await publicClient.getBlobBaseFee()
  const maxFeePerBlobGas = params.maxFeePerBlobGas ?? (2n * blobBaseFee > 1_000_000_000n ? 2n * blobBaseFee : 1_000_000_000n)
  const hash = await walletClient.sendTransaction({
    to: params.to,
    data: params.data,
    blobs: [params.blob],
    kzg: loadKzg(),
    maxFeePerBlobGas,
    ...(params.gas !== undefined ? { gas: params.gas } : {}),
    account: walletClient.account,
    chain: walletClient.chain,
  } as never)
  return publicClient.waitForTransactionReceipt({ hash })
}

/**
 * Runs `data` as an `eth_call` from `from` to `to` as if the transaction carried `blob`
 * (`blobhash(0)` answers its versioned hash), to dry-run a blob commit. Resolves when the call
 * succeeds; a revert throws viem's `ContractFunctionRevertedError` decoded with `abi` (its
 * `data.errorName`). Needs a node whose `eth_call` takes `blobVersionedHashes` (anvil, geth).
 *
 * @example
 * ```ts
 * await simulateWithBlob({ publicClient, from, to: rollup, abi: counterweightRollupAbi, functionName: 'commitBatch', data, blob })
 * ```
 */
export async function simulateWithBlob(params: {
  publicClient: PublicClient<Transport, Chain | undefined>
  from: Address
  to: Address
  abi: Abi
  functionName: string
  data: Hex
  blob: Uint8Array
}): Promise<void> {
  const versionedHash = commitmentToVersionedHash({ commitment: bytesToHex(loadCKzg().blobToKzgCommitment(params.blob)), to: 'hex' })
  try {
    await params.publicClient.request({
      method: 'eth_call',
      params: [{ from: params.from, to: params.to, data: params.data, blobVersionedHashes: [versionedHash], maxFeePerBlobGas: '0x3b9aca00' }, 'latest'],
    } as never)
  } catch (e) {
    const withData = e instanceof BaseError ? e.walk((x) => typeof (x as { data?: unknown }).data === 'string') : undefined
    const raw = (withData as { data?: Hex } | undefined)?.data
    if (!raw) throw e
    throw new ContractFunctionRevertedError({ abi: params.abi, data: raw, functionName: params.functionName })
  }
}
