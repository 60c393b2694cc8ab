/** A JSON-RPC answer: the result or the error object, as sent. */
export interface RpcAnswer {
  status: number
  result?: unknown
  error?: { code: number; message: string; data?: unknown }
  /** The answers of a batch call, in order. */
  batch?: { result?: unknown; error?: { code: number; message: string; data?: unknown } }[]
}

/**
 * Posts one JSON-RPC call (or any raw body) to `url` and returns the HTTP status with the
 * answer's `result` or `error`, without throwing on JSON-RPC errors (the scenarios check them).
 *
 * @example
 * ```ts
 * const { result } = await rpcCall({ url, method: 'rollup_status' })
 * const bad = await rpcCall({ url, body: '{not json' }) // bad.error?.code === -32700
 * ```
 */
export async function rpcCall(params: { url: string; method?: string; params?: unknown[]; body?: string; headers?: Record<string, string> }): Promise<RpcAnswer> {
  const body = params.body ?? JSON.stringify({ jsonrpc: '2.0', id: 1, method: params.method, params: params.params ?? [] })
  const res = await fetch(params.url, { method: 'POST', headers: { 'content-type': 'application/json', ...params.headers }, body })
  const text = await res.text()
  if (!text) return { status: res.status }
  const json = JSON.parse(text) as { result?: unknown; error?: RpcAnswer['error'] } | NonNullable<RpcAnswer['batch']>
  return Array.isArray(json) ? { status: res.status, batch: json } : { status: res.status, ...json }
}
