import { keccak_256 } from '@noble/hashes/sha3.js'
import { OutOfRangeError } from '../errors.ts'
import { BLOB_ELEMENTS } from '../constants.ts'

/** Bits of the challenge point z: it is below 2^240, so below both scalar moduli. */
export const CHALLENGE_BITS = 240

/**
 * The challenge point of a blob batch: `keccak256(versionedHash ‖ dc_0 ‖ … ‖ dc_{n-1}) >> 16`,
 * each data commitment as a 32-byte big-endian word, in chunk order. It binds the blob (its
 * KZG commitment, through the versioned hash) and the circuit's own Poseidon commitments to
 * the data, fixed before either side can choose its opening. The contract derives the same.
 *
 * @example
 * ```ts
 * const z = blobChallenge({ versionedHash, dataCommitments: chunks.map((c) => c.dataCommitment) })
 * z < 2n ** 240n // true
 * ```
 */
export function blobChallenge(params: { versionedHash: Uint8Array; dataCommitments: readonly bigint[] }): bigint {
  if (params.versionedHash.length !== 32) throw new OutOfRangeError({ what: 'versioned hash length', value: params.versionedHash.length, limit: '32 bytes' })
  const buf = new Uint8Array(32 * (1 + params.dataCommitments.length))
  buf.set(params.versionedHash, 0)
  params.dataCommitments.forEach((c, k) => {
    if (c < 0n || c >> 256n !== 0n) throw new OutOfRangeError({ what: `data commitment ${k}`, value: c, limit: 'below 2^256' })
    let v = c
    for (let i = 31; i >= 0; i--) {
      buf[32 * (k + 1) + i] = Number(v & 0xffn)
      v >>= 8n
    }
  })
  let h = 0n
  for (const b of keccak_256(buf)) h = (h << 8n) | BigInt(b)
  return h >> BigInt(256 - CHALLENGE_BITS)
}

/**
 * The chunk proof's public input `blobChallenge`: the challenge z in the low 240 bits and the
 * chunk's index in the batch above them (`z | index << 240`, below 2^252). The index tells the
 * circuit which blob positions its data occupies. The calldata fallback uses 0 (z = 0, index 0).
 *
 * @example
 * ```ts
 * challengeInput({ z: 5n, index: 1 }) === 5n + (1n << 240n)
 * ```
 */
export function challengeInput(params: { z: bigint; index: number }): bigint {
  const { z, index } = params
  if (z < 0n || z >> BigInt(CHALLENGE_BITS) !== 0n) throw new OutOfRangeError({ what: 'challenge', value: z, limit: `below 2^${CHALLENGE_BITS}` })
  if (!Number.isInteger(index) || index < 0 || index >= BLOB_ELEMENTS) throw new OutOfRangeError({ what: 'chunk index', value: index, limit: `an integer below ${BLOB_ELEMENTS}` })
  return z | (BigInt(index) << BigInt(CHALLENGE_BITS))
}

/**
 * Inverse of {@link challengeInput}: the challenge z and the chunk index of a `blobChallenge`
 * public input (as L1 emitted it in `ChunkCommitted`).
 *
 * @example
 * ```ts
 * parseChallengeInput(challengeInput({ z, index: 2 })) // { z, index: 2 }
 * ```
 */
export function parseChallengeInput(input: bigint): { z: bigint; index: number } {
  if (input < 0n || input >> BigInt(CHALLENGE_BITS + 12) !== 0n) throw new OutOfRangeError({ what: 'challenge input', value: input, limit: `below 2^${CHALLENGE_BITS + 12}` })
  return { z: input & ((1n << BigInt(CHALLENGE_BITS)) - 1n), index: Number(input >> BigInt(CHALLENGE_BITS)) }
}
