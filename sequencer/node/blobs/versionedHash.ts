import { bytesToHex, commitmentToVersionedHash, type Hex, type Kzg } from 'viem'

/**
 * The EIP-4844 versioned hash of a KZG commitment: `sha256(commitment)` with its first byte
 * replaced by the version `0x01`.
 *
 * @example
 * ```ts
 * versionedHashOf({ commitment }) // '0x01...'
 * ```
 */
export function versionedHashOf(params: { commitment: Uint8Array | Hex }): Hex {
  const c = typeof params.commitment === 'string' ? params.commitment : bytesToHex(params.commitment)
  return commitmentToVersionedHash({ commitment: c, to: 'hex' })
}

/**
 * The versioned hash of a blob's content, through its KZG commitment (c-kzg; about 20-50 ms).
 * What a node uses to make sure a blob from an untrusted source is the one L1 committed to.
 *
 * @example
 * ```ts
 * blobVersionedHash({ blob, kzg: loadKzg() }) === versionedHash
 * ```
 */
export function blobVersionedHash(params: { blob: Uint8Array; kzg: Pick<Kzg, 'blobToKzgCommitment'> }): Hex {
  return versionedHashOf({ commitment: params.kzg.blobToKzgCommitment(params.blob) })
}
