import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { BLOB_ELEMENTS } from '../constants.ts'
import { encodeBatchElements, chunkFirstElement } from '../da/batchData.ts'
import { elementsToBlob } from '../da/blob.ts'
import { pow } from '../field/field.ts'
import { TEST_PARAMS, chunkLayout } from '../params.ts'
import { blobChallenge, challengeInput } from './blobChallenge.ts'
import { chunkShare, evaluateBlob, evaluationFromShares, splitShare, blobTerm } from './blobShare.ts'
import { BLOB_ROOT_OF_UNITY, BLS_MODULUS, bitReverse, blobPoint, blobFactor } from './blsScalar.ts'
import { shareCircuitInputs } from './shareWitness.ts'

interface CKzg {
  loadTrustedSetup(precompute: number): void
  blobToKzgCommitment(blob: Uint8Array): Uint8Array
  computeKzgProof(blob: Uint8Array, z: Uint8Array): [Uint8Array, Uint8Array]
  verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean
}
const ckzg = createRequire(import.meta.url)('c-kzg') as CKzg
try {
  ckzg.loadTrustedSetup(0)
} catch (e) {
  if (!/already loaded/i.test((e as Error).message)) throw e
}

const word = (v: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * (31 - i))) & 0xffn))
const toBig = (b: Uint8Array): bigint => b.reduce((a, x) => (a << 8n) | BigInt(x), 0n)
const versionedHash = (commitment: Uint8Array): Uint8Array => {
  const h = createHash('sha256').update(commitment).digest()
  h[0] = 1
  return new Uint8Array(h)
}

/** Deterministic pseudo-random data elements (248 bits each). */
function elements(n: number, seed: number): bigint[] {
  let x = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n
  return Array.from({ length: n }, () => {
    let v = 0n
    for (let k = 0; k < 4; k++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n)
      v = (v << 64n) | x
    }
    return v >> 8n
  })
}

describe('blob domain', () => {
  it('uses a primitive 4096-th root of unity in bit-reversed order', () => {
    expect(pow(BLOB_ROOT_OF_UNITY, BigInt(BLOB_ELEMENTS), BLS_MODULUS)).toBe(1n)
    expect(pow(BLOB_ROOT_OF_UNITY, BigInt(BLOB_ELEMENTS / 2), BLS_MODULUS)).toBe(BLS_MODULUS - 1n)
    expect(bitReverse(1)).toBe(2048)
    expect(bitReverse(6)).toBe(1536)
    expect(blobPoint(0)).toBe(1n)
    expect(blobPoint(1)).toBe(BLS_MODULUS - 1n)
    expect(blobPoint(3)).toBe(pow(BLOB_ROOT_OF_UNITY, 3072n, BLS_MODULUS))
  })
})

describe('blob evaluation (against c-kzg)', () => {
  const batch = elements(BLOB_ELEMENTS, 1)
  const blob = elementsToBlob(batch)
  const commitment = ckzg.blobToKzgCommitment(blob)
  const z = blobChallenge({ versionedHash: versionedHash(commitment), dataCommitments: [5n, 7n] })

  it('computes the y of computeKzgProof at a derived challenge, and c-kzg verifies it', () => {
    const [proof, y] = ckzg.computeKzgProof(blob, word(z))
    expect(evaluateBlob({ elements: batch, z })).toBe(toBig(y))
    expect(ckzg.verifyKzgProof(commitment, word(z), word(evaluateBlob({ elements: batch, z })), proof)).toBe(true)
  })

  it('evaluates inside the domain by lookup, as the spec does', () => {
    const [, y] = ckzg.computeKzgProof(blob, word(blobPoint(5)))
    expect(evaluateBlob({ elements: batch, z: blobPoint(5) })).toBe(toBig(y))
    expect(toBig(y)).toBe(batch[5])
  })

  it('equals the header term plus the chunks\' shares, each over its own region', () => {
    const params = TEST_PARAMS
    const e = chunkLayout(params).chunkElements
    const chunks = 3
    const data = [elements(1, 9)[0]!, ...elements(chunks * e, 2)]
    const [, y] = ckzg.computeKzgProof(elementsToBlob(data), word(z))
    const shares = Array.from({ length: chunks }, (_, k) => chunkShare({ elements: data.slice(1 + k * e, 1 + (k + 1) * e), firstPosition: chunkFirstElement(params, k), z }))
    expect(evaluationFromShares({ header: data[0]!, shares, z })).toBe(toBig(y))
    // A share computed at other positions (another chunk index) does not add up.
    const wrong = [...shares]
    wrong[1] = chunkShare({ elements: data.slice(1 + e, 1 + 2 * e), firstPosition: chunkFirstElement(params, 2), z })
    expect(evaluationFromShares({ header: data[0]!, shares: wrong, z })).not.toBe(toBig(y))
  })

  it('detects one changed byte of the blob', () => {
    const data = encodeBatchElements({ params: TEST_PARAMS, chunks: [{ queueCount: 0, feeAccounts: [1n, 0n], txs: [] }] })
    const blobA = elementsToBlob(data)
    const blobB = blobA.slice()
    blobB[32 + 20] = blobB[32 + 20]! ^ 1
    const [, yA] = ckzg.computeKzgProof(blobA, word(z))
    const [, yB] = ckzg.computeKzgProof(blobB, word(z))
    const shares = [chunkShare({ elements: data.slice(1), firstPosition: 1, z })]
    expect(evaluationFromShares({ header: data[0]!, shares, z })).toBe(toBig(yA))
    expect(evaluationFromShares({ header: data[0]!, shares, z })).not.toBe(toBig(yB))
  })

  it('computes the factor (z^N - 1)/N', () => {
    expect((blobFactor(z) * 4096n) % BLS_MODULUS).toBe((pow(z, 4096n, BLS_MODULUS) - 1n + BLS_MODULUS) % BLS_MODULUS)
  })
})

describe('challenge', () => {
  const vh = new Uint8Array(32).fill(1)
  it('is below 2^240 and depends on the versioned hash and every data commitment', () => {
    const z = blobChallenge({ versionedHash: vh, dataCommitments: [1n, 2n] })
    expect(z >> 240n).toBe(0n)
    expect(blobChallenge({ versionedHash: vh, dataCommitments: [1n, 3n] })).not.toBe(z)
    expect(blobChallenge({ versionedHash: vh.map((b, i) => (i === 31 ? 2 : b)), dataCommitments: [1n, 2n] })).not.toBe(z)
    expect(blobChallenge({ versionedHash: vh, dataCommitments: [1n] })).not.toBe(z)
  })
  it('packs the chunk index above the challenge', () => {
    expect(challengeInput({ z: 3n, index: 2 })).toBe(3n + (2n << 240n))
    expect(() => challengeInput({ z: 1n << 240n, index: 0 })).toThrow()
  })
})

describe('share hints', () => {
  it('close every limb identity, at a challenge and at z = 0 (calldata)', () => {
    for (const z of [blobChallenge({ versionedHash: new Uint8Array(32), dataCommitments: [9n] }), 0n]) {
      const data = elements(26, 4)
      const hints = shareCircuitInputs({ elements: data, firstPosition: 27, z })
      expect(hints.blobTerm!.length).toBe(26)
      expect((hints.blobTerm as bigint[][])[0]).toEqual([0, 1, 2].map((i) => (blobTerm({ position: 27, z }) >> BigInt(86 * i)) & ((1n << 86n) - 1n)))
    }
  })
  it('give -1 terms at z = 0, so the calldata share is -Σd', () => {
    const data = elements(3, 5)
    expect(chunkShare({ elements: data, firstPosition: 40, z: 0n })).toBe((BLS_MODULUS * 4n - data.reduce((a, b) => a + b, 0n)) % BLS_MODULUS)
  })
  it('split a share into 128-bit halves and refuse one at the modulus', () => {
    expect(splitShare(BLS_MODULUS - 1n).hi).toBe((BLS_MODULUS - 1n) >> 128n)
    expect(() => splitShare(BLS_MODULUS)).toThrow()
  })
})
