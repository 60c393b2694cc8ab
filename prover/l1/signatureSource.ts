import { createPublicClient, http, toHex } from 'viem'
import type { Signature } from '../../protocol/index.ts'

/**
 * Where a prover gets the owners' signatures of a chunk's L2 transactions (L1 data carries
 * none): `get(firstSeq, count)` returns them in sequence order.
 *
 * @example
 * ```ts
 * const sigs = await source.get(17n, 8)
 * ```
 */
export interface SignatureSource {
  get(firstSeq: bigint, count: number): Promise<Signature[]>
}

/**
 * A {@link SignatureSource} over the sequencer's `rollup_getTransactionSignatures`, checking
 * that the answer has exactly the asked sequence numbers.
 *
 * @example
 * ```ts
 * const source = rpcSignatureSource({ url: 'http://127.0.0.1:8547' })
 * ```
 */
export function rpcSignatureSource(params: { url: string; timeoutMs?: number }): SignatureSource {
  const client = createPublicClient({ transport: http(params.url, { timeout: params.timeoutMs ?? 30_000, retryCount: 0 }) })
  return {
    async get(firstSeq, count) {
      if (count === 0) return []
      const where = `rollup_getTransactionSignatures(${firstSeq}, ${count}) at ${params.url}`
      const result = (await client.request({ method: 'rollup_getTransactionSignatures', params: [toHex(firstSeq), toHex(count)] } as never)) as
        | { sequence: string; signature: { r8x: string; r8y: string; s: string } }[]
        | null
      if (!Array.isArray(result) || result.length !== count || result.some((r, i) => BigInt(r.sequence) !== firstSeq + BigInt(i))) {
        throw new Error(`${where}: got ${Array.isArray(result) ? result.length : 'no'} signatures, not the asked sequence numbers`)
      }
      return result.map((r) => ({ R8: { x: BigInt(r.signature.r8x), y: BigInt(r.signature.r8y) }, S: BigInt(r.signature.s) }))
    },
  }
}
