import {
  blobsToCommitments,
  blobsToProofs,
  bytesToHex,
  commitmentsToVersionedHashes,
  concatHex,
  fromRlp,
  keccak256,
  toBlobSidecars,
  toRlp,
  type Address,
  type BlobSidecars,
  type Hex,
  type Kzg,
  type LocalAccount,
} from 'viem'
import type { TxFees } from './l1Fees.ts'

/**
 * A blob ready to travel: its versioned hash (what the transaction commits to) and the
 * sidecar (blob, KZG commitment and proof) the network form of the transaction carries.
 *
 * @example
 * ```ts
 * const sidecar = blobSidecar({ blob, kzg: loadKzg() })
 * sidecar.versionedHash // 0x01…
 * ```
 */
export interface BlobSidecar {
  versionedHash: Hex
  sidecars: BlobSidecars<Hex>
}

/**
 * Computes the KZG commitment and proof of one blob (131,072 bytes) and its versioned hash.
 *
 * @example
 * ```ts
 * const { versionedHash } = blobSidecar({ blob: batchBlob({ params, chunks }), kzg: loadKzg() })
 * ```
 */
export function blobSidecar(params: { blob: Uint8Array; kzg: Kzg }): BlobSidecar {
  const blobs = [bytesToHex(params.blob)]
  const commitments = blobsToCommitments({ blobs, kzg: params.kzg })
  const proofs = blobsToProofs({ blobs, commitments, kzg: params.kzg })
  const [versionedHash] = commitmentsToVersionedHashes({ commitments })
  return { versionedHash: versionedHash!, sidecars: toBlobSidecars({ blobs, commitments, proofs }) }
}

/**
 * The hash of a signed type-2 or type-3 transaction. For a type-3 transaction in its network
 * form (`0x03 || rlp([tx, blobs, commitments, proofs])`) it is the hash of `0x03 || rlp(tx)`,
 * without the sidecar, as EIP-4844 defines it.
 *
 * @example
 * ```ts
 * signedTxHash(raw) // the hash eth_sendRawTransaction will answer
 * ```
 */
export function signedTxHash(raw: Hex): Hex {
  if (!raw.startsWith('0x03')) return keccak256(raw)
  const body = fromRlp(`0x${raw.slice(4)}`, 'hex')
  // The network form is a list of four: the transaction's own field list, then the sidecar.
  if (Array.isArray(body) && body.length === 4 && Array.isArray(body[0])) return keccak256(concatHex(['0x03', toRlp(body[0])]))
  return keccak256(raw)
}

/**
 * Signs one attempt of a request with a local account: a type-2 transaction, or a type-3
 * one in network form when `blob` is given. Returns the raw transaction and its hash, both
 * known before anything is broadcast.
 *
 * @example
 * ```ts
 * const { raw, hash } = await signL1Tx({ account, chainId: 1, nonce: 7, to, data, gas: 200_000n, fees, blob: sidecar })
 * ```
 */
export async function signL1Tx(params: {
  account: LocalAccount
  chainId: number
  nonce: number
  to: Address
  data: Hex
  gas: bigint
  fees: TxFees
  blob?: BlobSidecar
  /** Wei sent with the call (default 0). */
  value?: bigint
}): Promise<{ raw: Hex; hash: Hex }> {
  const { account, fees } = params
  const common = {
    chainId: params.chainId,
    nonce: params.nonce,
    to: params.to,
    data: params.data,
    ...(params.value ? { value: params.value } : {}),
    gas: params.gas,
    maxFeePerGas: fees.maxFeePerGas,
    maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
  }
  const raw = params.blob
    ? await account.signTransaction({
        ...common,
        type: 'eip4844',
        maxFeePerBlobGas: fees.maxFeePerBlobGas!,
        blobVersionedHashes: [params.blob.versionedHash],
        sidecars: params.blob.sidecars,
      })
    : await account.signTransaction({ ...common, type: 'eip1559' })
  return { raw, hash: signedTxHash(raw) }
}
