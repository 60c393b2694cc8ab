import { createRequire } from 'node:module'
import type { Account, Chain, Hex, Kzg, PublicClient, TransactionReceipt, Transport, WalletClient } from 'viem'

interface CKzg {
  loadTrustedSetup(precompute: number, filePath?: string): void
  blobToKzgCommitment(blob: Uint8Array): Uint8Array
  computeBlobKzgProof(blob: Uint8Array, commitment: Uint8Array): Uint8Array
}

let kzg: Kzg | undefined

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
  const c = createRequire(import.meta.url)('c-kzg') as CKzg
  try {
    c.loadTrustedSetup(0)
  } catch (e) {
    if (!/already loaded/i.test((e as Error).message)) throw e
  }
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
 * const data = encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [claims] })
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
