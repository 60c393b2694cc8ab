import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex, type Hex } from 'viem'
import { afterAll, describe, expect, it } from 'vitest'
import { loadKzg } from '../../../l1-contracts/index.ts'
import { BLOB_BYTES } from '../../../protocol/index.ts'
import { BlobSourceError, RetryExhaustedError } from '../errors.ts'
import { archiveBlobSource, archivedBlobPath, writeArchivedBlob } from './archiveBlobSource.ts'
import { beaconBlobSource } from './beaconBlobSource.ts'
import type { BlobSource } from './blobSource.ts'
import { fallbackBlobSource } from './fallbackBlobSource.ts'
import { rpcBlobSource } from './rpcBlobSource.ts'
import { blobVersionedHash } from './versionedHash.ts'

const kzg = loadKzg()
const blobOf = (seed: number): Uint8Array => {
  const b = new Uint8Array(BLOB_BYTES)
  for (let i = 0; i < BLOB_BYTES; i++) if (i % 32 !== 0) b[i] = (i * 31 + seed * 7) & 0xff
  return b
}
const a = blobOf(1)
const b = blobOf(2)
const hashA = blobVersionedHash({ blob: a, kzg })
const hashB = blobVersionedHash({ blob: b, kzg })
const query = (versionedHash: Hex) => ({ versionedHash, blockNumber: 100n, blockTimestamp: 1_000_024n })
const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 }

describe('blob sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-blobs-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('archive: raw .blob files, .hex files, missing files', async () => {
    const src = archiveBlobSource({ dir })
    expect(await src.getBlob(query(hashA))).toBeUndefined()
    await writeArchivedBlob({ dir, versionedHash: hashA, blob: a })
    expect(await src.getBlob(query(hashA))).toEqual(a)
    writeFileSync(archivedBlobPath({ dir, versionedHash: hashB }).replace(/\.blob$/, '.hex'), `${bytesToHex(b)}\n`)
    expect(await src.getBlob(query(hashB))).toEqual(b)
    expect(() => archivedBlobPath({ dir, versionedHash: '0x12' })).toThrow(RangeError)
  })

  it('rpc: anvil_getBlobByHash, null for unknown, retries failures', async () => {
    let calls = 0
    const client = {
      request: async ({ method, params }: { method: string; params?: unknown }) => {
        calls++
        expect(method).toBe('anvil_getBlobByHash')
        if (calls % 2 === 1) throw new Error('flaky')
        return (params as Hex[])[0] === hashA ? bytesToHex(a) : null
      },
    }
    const src = rpcBlobSource({ client, retry: fast })
    expect(await src.getBlob(query(hashA))).toEqual(a)
    expect(await src.getBlob(query(hashB))).toBeUndefined()
    const dead = rpcBlobSource({ client: { request: async () => Promise.reject(new Error('down')) }, retry: fast })
    await expect(dead.getBlob(query(hashA))).rejects.toThrow(RetryExhaustedError)
  })

  it('beacon: slot from the block time, match by versioned hash among the sidecars, 404 is "not found"', async () => {
    const seen: string[] = []
    let failNext = true
    const fetch = async (url: string) => {
      seen.push(url)
      const path = new URL(url).pathname
      if (failNext) {
        failNext = false
        return { ok: false, status: 503, json: async () => ({}) }
      }
      if (path === '/eth/v1/beacon/genesis') return { ok: true, status: 200, json: async () => ({ data: { genesis_time: '1000000' } }) }
      if (path === '/eth/v1/config/spec') return { ok: true, status: 200, json: async () => ({ data: { SECONDS_PER_SLOT: '12' } }) }
      if (path === '/eth/v1/beacon/blob_sidecars/2') {
        const sidecars = [b, a].map((blob, i) => ({ index: String(i), blob: bytesToHex(blob), kzg_commitment: bytesToHex(kzg.blobToKzgCommitment(blob)) }))
        return { ok: true, status: 200, json: async () => ({ data: sidecars }) }
      }
      return { ok: false, status: 404, json: async () => ({}) }
    }
    const src = beaconBlobSource({ url: 'http://beacon:5052/', fetch, retry: fast })
    expect(await src.getBlob(query(hashA))).toEqual(a) // (1_000_024 - 1_000_000) / 12 = slot 2
    expect(seen.at(-1)).toBe('http://beacon:5052/eth/v1/beacon/blob_sidecars/2')
    expect(await src.getBlob({ ...query(hashA), blockTimestamp: 1_000_036n })).toBeUndefined() // slot 3: 404
    const unknown = `0x01${'00'.repeat(31)}` as Hex
    expect(await src.getBlob(query(unknown))).toBeUndefined() // slot 2 has no such blob
  })

  it('fallback: first source that has it; a source serving another blob is skipped; failures surface only when nobody has it', async () => {
    const liar: BlobSource = { name: 'liar', getBlob: async () => b }
    const down: BlobSource = { name: 'down', getBlob: async () => Promise.reject(new BlobSourceError({ source: 'down', message: 'HTTP 500' })) }
    const empty: BlobSource = { name: 'empty', getBlob: async () => undefined }
    const good: BlobSource = { name: 'good', getBlob: async ({ versionedHash }) => (versionedHash === hashA ? a : undefined) }
    const errors: string[] = []
    const all = fallbackBlobSource({ sources: [liar, down, empty, good], kzg, onError: (s) => errors.push(s) })
    expect(await all.getBlob(query(hashA))).toEqual(a)
    expect(errors).toEqual(['liar', 'down'])
    expect(await fallbackBlobSource({ sources: [empty, good], kzg }).getBlob(query(hashB))).toBeUndefined()
    await expect(fallbackBlobSource({ sources: [empty, down], kzg }).getBlob(query(hashB))).rejects.toThrow(BlobSourceError)
    const short: BlobSource = { name: 'short', getBlob: async () => a.subarray(0, 1000) }
    await expect(fallbackBlobSource({ sources: [short], kzg }).getBlob(query(hashA))).rejects.toThrow(/not a blob/)
  })
})
