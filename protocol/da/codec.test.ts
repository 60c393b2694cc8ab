import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FLOAT, RECORD_TYPE, BLOB_BYTES } from '../constants.ts'
import { DecodeError } from '../errors.ts'
import { chunkLayout, PRODUCTION_PARAMS, TEST_PARAMS, DEVNET_PARAMS, type ChunkParams } from '../params.ts'
import { bytesToElements, elementsToBytes, blobToElements, elementsToBlob } from './blob.ts'
import { decodeChunk, encodeChunk, slotsOf, type ChunkData, type DaTx } from './chunkData.ts'
import { decodeBatchBlob, decodeBatchElements, encodeBatchBlob, encodeBatchElements, maxChunksPerBlob } from './batchData.ts'

const floatArb = (fmt: { exponentBits: number; mantissaBits: number }) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: (1n << BigInt(fmt.mantissaBits)) - 1n }), fc.integer({ min: 0, max: Math.min(18, (1 << fmt.exponentBits) - 1) }))
    .map(([m, e]) => m * 10n ** BigInt(e))

const daTxArb = (p: ChunkParams): fc.Arbitrary<DaTx> => {
  const idx = fc.bigInt({ min: 1n, max: (1n << BigInt(p.depth)) - 1n })
  const base = { from: idx, amount: floatArb(FLOAT.AMOUNT), fee: floatArb(FLOAT.FEE) }
  const address = fc.bigInt({ min: 0n, max: (1n << 160n) - 1n })
  return fc.oneof(
    fc.record({ ...base, type: fc.constant(RECORD_TYPE.TRANSFER), to: idx }),
    fc.record({ ...base, type: fc.constant(RECORD_TYPE.TRANSFER_TO_L1_EXISTING), to: idx }),
    fc.record({ ...base, type: fc.constant(RECORD_TYPE.TRANSFER_TO_L1_NEW), to: idx, address }),
    fc.record({ ...base, type: fc.constant(RECORD_TYPE.WITHDRAW), to: fc.constant(0n), address }),
  ) as fc.Arbitrary<DaTx>
}

const chunkArb = (p: ChunkParams): fc.Arbitrary<ChunkData> => {
  const layout = chunkLayout(p)
  return fc
    .record({
      queueCount: fc.integer({ min: 0, max: p.nQueue }),
      feeAccounts: fc.array(fc.bigInt({ min: 0n, max: (1n << BigInt(p.depth)) - 1n }), { minLength: p.nFee, maxLength: p.nFee }),
      txs: fc.array(daTxArb(p), { maxLength: p.nTx }),
    })
    .map((c) => {
      // keep the prefix that fits in nTx record slots
      let used = 0
      const txs = c.txs.filter((t) => (used + slotsOf(t.type, layout) <= p.nTx ? ((used += slotsOf(t.type, layout)), true) : false))
      return { ...c, txs }
    })
}

describe('DA codec', () => {
  for (const [name, p] of Object.entries({ TEST_PARAMS, DEVNET_PARAMS, PRODUCTION_PARAMS, deep: { ...PRODUCTION_PARAMS, depth: 32 } })) {
    it(`round-trips random chunks exactly (${name})`, () => {
      fc.assert(
        fc.property(chunkArb(p), (c) => {
          const bytes = encodeChunk(c, p)
          expect(bytes.length).toBe(chunkLayout(p).chunkElements * 31)
          expect(decodeChunk(bytes, p)).toEqual(c)
        }),
        { numRuns: 60 },
      )
    })
  }

  it('round-trips batches through blob field elements and a whole blob', () => {
    const p = DEVNET_PARAMS
    fc.assert(
      fc.property(fc.array(chunkArb(p), { minLength: 1, maxLength: 5 }), (chunks) => {
        const elements = encodeBatchElements({ params: p, chunks })
        expect(elements.every((e) => e >= 0n && e < 1n << 248n)).toBe(true)
        expect(decodeBatchElements({ params: p, elements })).toEqual(chunks)
        const blob = encodeBatchBlob({ params: p, chunks })
        expect(blob.length).toBe(BLOB_BYTES)
        expect(decodeBatchBlob({ params: p, blob })).toEqual(chunks)
      }),
      { numRuns: 20 },
    )
  })

  it('spends 12 bytes per plain transfer at depth 24, 14 at depth 32', () => {
    expect(chunkLayout(PRODUCTION_PARAMS).recordBits / 8).toBe(12)
    expect(chunkLayout({ ...PRODUCTION_PARAMS, depth: 32 }).recordBits / 8).toBe(14)
  })

  it('packs bytes into 31-byte elements and back, and lays elements out as a blob', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const back = elementsToBytes(bytesToElements(bytes))
        expect(back.subarray(0, bytes.length)).toEqual(bytes)
        expect(back.subarray(bytes.length).every((b) => b === 0)).toBe(true)
        const els = bytesToElements(bytes)
        expect(blobToElements(elementsToBlob(els), els.length)).toEqual(els)
      }),
    )
  })

  it('reports garbage and truncated data with a DecodeError that says where', () => {
    const p = TEST_PARAMS
    const chunk: ChunkData = {
      queueCount: 1,
      feeAccounts: [1n, 0n],
      txs: [{ type: RECORD_TYPE.WITHDRAW, from: 3n, to: 0n, amount: 5n, fee: 1n, address: 0xabcn }],
    }
    const elements = encodeBatchElements({ params: p, chunks: [chunk] })
    expect(() => decodeBatchElements({ params: p, elements: elements.slice(0, -1) })).toThrow(/truncated/)
    expect(() => decodeBatchElements({ params: p, elements: [] })).toThrow(/empty/)
    const wrongVersion = [elements[0]! ^ (1n << 247n), ...elements.slice(1)]
    expect(() => decodeBatchElements({ params: p, elements: wrongVersion })).toThrow(/version/)
    expect(() => decodeBatchElements({ params: { ...p, nTx: 8 }, elements })).toThrow(/nTx/)
    const blob = encodeBatchBlob({ params: p, chunks: [chunk] })
    blob[32] = 1 // top byte of element 1
    expect(() => decodeBatchBlob({ params: p, blob })).toThrow(DecodeError)
    expect(() => decodeBatchBlob({ params: p, blob: blob.subarray(0, 1000) })).toThrow(/bytes/)
  })

  it('refuses records the encoder could not have written', () => {
    const p = TEST_PARAMS
    const layout = chunkLayout(p)
    const good = encodeChunk({ queueCount: 0, feeAccounts: [0n, 0n], txs: [{ type: RECORD_TYPE.TRANSFER, from: 1n, to: 2n, amount: 3n, fee: 0n }] }, p)
    // Every single-bit flip either decodes to a chunk that encodes and decodes to itself
    // (a non-canonical float is still the same value), or is refused with a DecodeError.
    let refused = 0
    for (let bit = 0; bit < layout.chunkBits + 16; bit++) {
      const bad = good.slice()
      bad[bit >> 3] = bad[bit >> 3]! ^ (0x80 >> (bit & 7))
      let decoded: ChunkData | undefined
      try {
        decoded = decodeChunk(bad, p)
      } catch (e) {
        expect(e).toBeInstanceOf(DecodeError)
        refused++
      }
      if (decoded) expect(decodeChunk(encodeChunk(decoded, p), p)).toEqual(decoded)
    }
    expect(refused).toBeGreaterThan(0)
  })

  it('refuses chunks that do not fit and counts blob capacity', () => {
    const p = TEST_PARAMS
    const txs: DaTx[] = Array.from({ length: p.nTx + 1 }, () => ({ type: RECORD_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1n, fee: 0n }))
    expect(() => encodeChunk({ queueCount: 0, feeAccounts: [0n, 0n], txs }, p)).toThrow(/records in chunk/)
    expect(() => encodeChunk({ queueCount: p.nQueue + 1, feeAccounts: [0n, 0n], txs: [] }, p)).toThrow(/queue count/)
    const cap = maxChunksPerBlob(PRODUCTION_PARAMS)
    expect(1 + cap * chunkLayout(PRODUCTION_PARAMS).chunkElements).toBeLessThanOrEqual(4096)
    expect(1 + (cap + 1) * chunkLayout(PRODUCTION_PARAMS).chunkElements).toBeGreaterThan(4096)
  })
})
