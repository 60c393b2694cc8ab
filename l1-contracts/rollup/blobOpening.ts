import { createHash } from 'node:crypto'
import { bytesToHex, type Hex } from 'viem'
import { BLS_MODULUS, batchHeader, bindBatchToBlob, blobChallenge, blobFactor, blobTerm, encodeBatchBlob, inv, mod, type Chunk, type ChunkParams } from '../../protocol/index.ts'
import type { ChunkClaim } from './claims.ts'
import { loadCKzg } from './blobTx.ts'

/** The blob opening `commitBatch` / `commitAndProve` take (the Solidity `BlobOpening`). */
export interface BlobOpening {
  /** The blob polynomial's value at the challenge. */
  y: bigint
  /** The blob's 48-byte KZG commitment. */
  commitment: Hex
  /** The 48-byte KZG proof of `y` at the challenge. */
  proof: Hex
}

/** A blob batch ready to commit: the blob, its chunks bound to it, and its opening. */
export interface BlobBatch {
  blob: Uint8Array
  versionedHash: Hex
  /** The challenge z. */
  z: bigint
  /** The chunks bound to the blob (index, z, share): claim and prove with these. */
  chunks: Chunk[]
  opening: BlobOpening
}

const word = (v: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * (31 - i))) & 0xffn))

/** The EIP-4844 versioned hash of a KZG commitment: `0x01 ‖ sha256(commitment)[1:]`. */
function versionedHash(commitment: Uint8Array): Uint8Array {
  const h = new Uint8Array(createHash('sha256').update(commitment).digest())
  h[0] = 1
  return h
}

/**
 * Opens `blob` at `z` with c-kzg: its commitment, the value y and the KZG proof.
 *
 * @example
 * ```ts
 * const opening = openBlob({ blob, z })
 * ```
 */
export function openBlob(params: { blob: Uint8Array; z: bigint }): BlobOpening {
  const c = loadCKzg()
  const commitment = c.blobToKzgCommitment(params.blob)
  const [proof, y] = c.computeKzgProof(params.blob, word(params.z))
  return { y: BigInt(bytesToHex(y)), commitment: bytesToHex(commitment), proof: bytesToHex(proof) }
}

/**
 * Everything a blob commit needs for consecutive `chunks` (as `buildChunk` made them): the
 * batch's blob, its versioned hash, the challenge derived from it and the chunks' data
 * commitments, the chunks bound to the blob (their shares and public inputs), and the opening
 * at the challenge.
 *
 * @example
 * ```ts
 * const b = blobBatch({ params, chunks })
 * const data = encodeFunctionData({ abi, functionName: 'commitBatch', args: [chunkClaims({ chunks: b.chunks, queueStart }), b.opening] })
 * await sendBlobTransaction({ walletClient, publicClient, to: rollup, data, blob: b.blob })
 * ```
 */
export function blobBatch(params: { params: ChunkParams; chunks: readonly Chunk[] }): BlobBatch {
  const blob = encodeBatchBlob({ params: params.params, chunks: params.chunks.map((c) => c.data) })
  const vh = versionedHash(loadCKzg().blobToKzgCommitment(blob))
  const z = blobChallenge({ versionedHash: vh, dataCommitments: params.chunks.map((c) => c.dataCommitment) })
  return { blob, versionedHash: bytesToHex(vh), z, chunks: bindBatchToBlob({ chunks: params.chunks, versionedHash: vh }), opening: openBlob({ blob, z }) }
}

/**
 * FOR TESTS of dishonest commits: any `blob` with any `claims`, made to pass the commit's
 * equivalence check the way a dishonest committer could (the shares are only checked as a
 * sum at commit): the challenge is derived from this blob and the claims' data commitments,
 * the blob is opened there, and the last claim's share is replaced so that the shares add up
 * to the opening. Such a batch commits, but no chunk proof of it can match both its data
 * commitment and its share unless the blob holds the proven data.
 *
 * @example
 * ```ts
 * const { claims: c, opening } = balanceBlobClaims({ params, blob: garbage, claims })
 * ```
 */
export function balanceBlobClaims(params: { params: ChunkParams; blob: Uint8Array; claims: readonly ChunkClaim[] }): { claims: ChunkClaim[]; opening: BlobOpening; z: bigint } {
  const vh = versionedHash(loadCKzg().blobToKzgCommitment(params.blob))
  const z = blobChallenge({ versionedHash: vh, dataCommitments: params.claims.map((c) => c.dataCommitment) })
  const opening = openBlob({ blob: params.blob, z })
  const r = BLS_MODULUS
  const header = batchHeader(params.params, params.claims.length)
  const needed = mod(opening.y * inv(blobFactor(z), r) - header * blobTerm({ position: 0, z }), r)
  const others = params.claims.slice(0, -1).reduce((a, c) => a + c.blobShare, 0n)
  const claims = params.claims.map((c) => ({ ...c }))
  claims[claims.length - 1]!.blobShare = mod(needed - others, r)
  return { claims, opening, z }
}
