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
  let id = 0
  const source = rpcBlobSource({
    client: {
      request: async (args: { method: string; params?: unknown }) => {
        const res = await fetch(params.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, ...args }) })
        const body = (await res.json()) as { result?: unknown; error?: { message: string } }
        if (body.error) throw new Error(`${args.method}: ${body.error.message}`)
        return body.result
      },
    },
    ...(params.method ? { method: params.method } : {}),
  })
  return { getBlob: (q) => source.getBlob(q as never) as Promise<Uint8Array | undefined> }
}
