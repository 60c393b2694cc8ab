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
  return {
    async get(firstSeq, count) {
      if (count === 0) return []
      const res = await fetch(params.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'rollup_getTransactionSignatures', params: [`0x${firstSeq.toString(16)}`, `0x${count.toString(16)}`] }),
        signal: AbortSignal.timeout(params.timeoutMs ?? 30_000),
      })
      const body = (await res.json()) as { result?: { sequence: string; signature: { r8x: string; r8y: string; s: string } }[]; error?: { message: string } }
      if (!body.result) throw new Error(`rollup_getTransactionSignatures(${firstSeq}, ${count}) at ${params.url}: ${body.error?.message ?? `HTTP ${res.status}`}`)
      if (body.result.length !== count || body.result.some((r, i) => BigInt(r.sequence) !== firstSeq + BigInt(i))) {
        throw new Error(`rollup_getTransactionSignatures(${firstSeq}, ${count}) at ${params.url}: got ${body.result.length} signatures, not the asked sequence numbers`)
      }
      return body.result.map((r) => ({ R8: { x: BigInt(r.signature.r8x), y: BigInt(r.signature.r8y) }, S: BigInt(r.signature.s) }))
    },
  }
}
