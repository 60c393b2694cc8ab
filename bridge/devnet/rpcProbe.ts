/**
 * Calls a JSON-RPC method over HTTP and returns its result, or undefined when the service
 * does not answer or answers with an error (a readiness probe).
 *
 * @example
 * ```ts
 * const chainId = await rpcProbe({ url: 'http://127.0.0.1:8547', method: 'eth_chainId' })
 * ```
 */
export async function rpcProbe(params: { url: string; method: string; params?: unknown[]; timeoutMs?: number }): Promise<unknown> {
  try {
    const res = await fetch(params.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: params.method, params: params.params ?? [] }),
      signal: AbortSignal.timeout(params.timeoutMs ?? 2000),
    })
    const body = (await res.json()) as { result?: unknown; error?: unknown }
    return body.error === undefined ? body.result : undefined
  } catch {
    return undefined
  }
}
