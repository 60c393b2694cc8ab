import { hexToBytes, type Hex } from 'viem'
import { BlobSourceError } from '../errors.ts'
import { withRetry, type RetryPolicy } from '../retry/withRetry.ts'
import type { BlobSource } from './blobSource.ts'
import { versionedHashOf } from './versionedHash.ts'

type Fetch = (url: string, init?: { signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>

interface Sidecar {
  blob: Hex
  kzg_commitment: Hex
}

/**
 * Blobs from a beacon node's API: the slot of the L1 block is `(timestamp - genesisTime) /
 * secondsPerSlot` (both read once from `/eth/v1/beacon/genesis` and `/eth/v1/config/spec`
 * unless given), `/eth/v1/beacon/blob_sidecars/{slot}` lists the slot's blobs, and the one
 * whose KZG commitment hashes to the versioned hash is returned. A 404 (slot without a block,
 * or blobs already pruned) or no matching sidecar gives `undefined`; other failures are
 * retried, then thrown.
 *
 * @example
 * ```ts
 * const blobs = beaconBlobSource({ url: 'http://localhost:5052' })
 * ```
 */
export function beaconBlobSource(params: {
  url: string
  fetch?: Fetch
  genesisTime?: bigint
  secondsPerSlot?: bigint
  retry?: RetryPolicy
  timeoutMs?: number
  name?: string
}): BlobSource {
  const base = params.url.replace(/\/+$/, '')
  const name = params.name ?? `beacon:${base}`
  const doFetch: Fetch = params.fetch ?? ((url, init) => fetch(url, init))
  const timeoutMs = params.timeoutMs ?? 10_000
  let genesisTime = params.genesisTime
  let secondsPerSlot = params.secondsPerSlot

  const get = (path: string): Promise<unknown | undefined> =>
    withRetry({
      what: `GET ${path}`,
      policy: params.retry,
      fn: async () => {
        const res = await doFetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) })
        if (res.status === 404) return undefined
        if (!res.ok) throw new BlobSourceError({ source: name, message: `GET ${path}: HTTP ${res.status}` })
        return res.json()
      },
    })

  const slotOf = async (timestamp: bigint): Promise<bigint> => {
    if (genesisTime === undefined) {
      const g = (await get('/eth/v1/beacon/genesis')) as { data?: { genesis_time?: string } } | undefined
      if (!g?.data?.genesis_time) throw new BlobSourceError({ source: name, message: 'no genesis_time in /eth/v1/beacon/genesis' })
      genesisTime = BigInt(g.data.genesis_time)
    }
    if (secondsPerSlot === undefined) {
      const s = (await get('/eth/v1/config/spec')) as { data?: { SECONDS_PER_SLOT?: string } } | undefined
      secondsPerSlot = BigInt(s?.data?.SECONDS_PER_SLOT ?? '12')
    }
    if (timestamp < genesisTime) throw new BlobSourceError({ source: name, message: `block time ${timestamp} is before the beacon genesis ${genesisTime}` })
    return (timestamp - genesisTime) / secondsPerSlot
  }

  return {
    name,
    async getBlob({ versionedHash, blockTimestamp }) {
      const slot = await slotOf(blockTimestamp)
      const answer = (await get(`/eth/v1/beacon/blob_sidecars/${slot}`)) as { data?: Sidecar[] } | undefined
      if (answer === undefined) return undefined
      if (!Array.isArray(answer.data)) throw new BlobSourceError({ source: name, message: `blob_sidecars/${slot} has no data list` })
      const want = versionedHash.toLowerCase()
      for (const sidecar of answer.data) {
        if (typeof sidecar?.kzg_commitment !== 'string' || typeof sidecar.blob !== 'string') continue
        if (versionedHashOf({ commitment: sidecar.kzg_commitment }).toLowerCase() === want) return hexToBytes(sidecar.blob)
      }
      return undefined
    },
  }
}
