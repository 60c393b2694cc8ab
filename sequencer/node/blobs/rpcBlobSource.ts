import { hexToBytes, type Hex } from 'viem'
import { BlobSourceError } from '../errors.ts'
import { withRetry, type RetryPolicy } from '../retry/withRetry.ts'
import type { BlobSource } from './blobSource.ts'

/** Anything with an EIP-1193 `request` (a viem client or transport). */
export interface JsonRpcRequester {
  request(args: { method: string; params?: unknown }): Promise<unknown>
}

/**
 * Blobs from an L1 JSON-RPC endpoint that keeps them and answers `anvil_getBlobByHash`
 * (anvil does; production execution clients do not, use {@link beaconBlobSource} there).
 * A `null` answer means the endpoint does not have the blob; failures are retried.
 *
 * @example
 * ```ts
 * const blobs = rpcBlobSource({ client: publicClient })
 * ```
 */
export function rpcBlobSource(params: { client: JsonRpcRequester; method?: string; retry?: RetryPolicy; name?: string }): BlobSource {
  const method = params.method ?? 'anvil_getBlobByHash'
  const name = params.name ?? `rpc:${method}`
  return {
    name,
    async getBlob({ versionedHash }) {
      const answer = await withRetry({
        what: `${method}(${versionedHash})`,
        fn: () => params.client.request({ method, params: [versionedHash] }),
        policy: params.retry,
      })
      if (answer === null || answer === undefined) return undefined
      if (typeof answer !== 'string' || !/^0x[0-9a-fA-F]*$/.test(answer)) throw new BlobSourceError({ source: name, message: `${method} answered something that is not hex` })
      return hexToBytes(answer as Hex)
    },
  }
}
