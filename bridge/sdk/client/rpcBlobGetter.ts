import { createPublicClient, http } from 'viem'
import { rpcBlobSource } from '../../../sequencer/node/index.ts'
import type { BlobGetter } from '../actions/status/BatchDataSource.ts'

/**
 * A {@link BlobGetter} over an L1 JSON-RPC endpoint that serves blobs by versioned hash
 * (`anvil_getBlobByHash` on anvil; every blob checked against its hash). Production L1s
 * serve blobs from a beacon API instead: pass the node's `beaconBlobSource` there.
 *
 * @example
 * ```ts
 * const client = createCounterweightClient({ sequencerUrl, rollup, chainId, l1: wallet, blobs: rpcBlobGetter({ url: 'http://127.0.0.1:8545' }) })
 * ```
 */
export function rpcBlobGetter(params: { url: string; method?: string }): BlobGetter {
  const client = createPublicClient({ transport: http(params.url, { retryCount: 0 }) })
  const source = rpcBlobSource({ client: { request: (args) => client.request(args as never) }, ...(params.method ? { method: params.method } : {}) })
  return { getBlob: (q) => source.getBlob(q as never) as Promise<Uint8Array | undefined> }
}
