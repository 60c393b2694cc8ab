import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { hexToBytes, type Hex } from 'viem'
import { BlobSourceError } from '../errors.ts'
import type { BlobSource } from './blobSource.ts'

const HASH = /^0x[0-9a-f]{64}$/

/**
 * The file of a blob in an archive folder: `<dir>/<versioned hash, lowercase>.blob`, the raw
 * 131,072 bytes. ({@link archiveBlobSource} also reads `<hash>.hex`, the bytes as 0x-hex text.)
 *
 * @example
 * ```ts
 * archivedBlobPath({ dir: '/var/blobs', versionedHash }) // '/var/blobs/0x01ab....blob'
 * ```
 */
export function archivedBlobPath(params: { dir: string; versionedHash: Hex }): string {
  const h = params.versionedHash.toLowerCase()
  if (!HASH.test(h)) throw new RangeError(`not a versioned hash: ${params.versionedHash}`)
  return join(params.dir, `${h}.blob`)
}

/**
 * Blobs from a local archive folder (see {@link archivedBlobPath}): what an operator keeps
 * once blobs are pruned from the beacon chain, or fills with {@link writeArchivedBlob}. A
 * missing file gives `undefined`.
 *
 * @example
 * ```ts
 * const blobs = archiveBlobSource({ dir: '/var/lib/counterweight/blobs' })
 * ```
 */
export function archiveBlobSource(params: { dir: string; name?: string }): BlobSource {
  const name = params.name ?? `archive:${params.dir}`
  return {
    name,
    async getBlob({ versionedHash }) {
      const raw = archivedBlobPath({ dir: params.dir, versionedHash })
      const bytes = await readOrUndefined(raw)
      if (bytes) return new Uint8Array(bytes)
      const hex = await readOrUndefined(raw.replace(/\.blob$/, '.hex'))
      if (!hex) return undefined
      const text = hex.toString('utf8').trim()
      if (!/^0x[0-9a-fA-F]*$/.test(text)) throw new BlobSourceError({ source: name, message: `${versionedHash}.hex is not 0x-hex` })
      return hexToBytes(text as Hex)
    },
  }
}

/**
 * Writes a blob into an archive folder (atomically: a temporary file, then a rename), for
 * {@link archiveBlobSource}.
 *
 * @example
 * ```ts
 * await writeArchivedBlob({ dir, versionedHash, blob })
 * ```
 */
export async function writeArchivedBlob(params: { dir: string; versionedHash: Hex; blob: Uint8Array }): Promise<string> {
  const path = archivedBlobPath(params)
  await mkdir(params.dir, { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, params.blob)
  await rename(tmp, path)
  return path
}

async function readOrUndefined(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
}
