import { createRequire } from 'node:module'
import type { Account, Chain, Hex, Kzg, PublicClient, TransactionReceipt, Transport, WalletClient } from 'viem'

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
