import type { RateLimitConfig } from '../config/index.ts'
import type { Sequencer } from '../createSequencer.ts'
import { JSON_RPC_CODE, RpcError, SequencerError, TxRefusedError } from '../errors/index.ts'
import { Params, show } from './Params.ts'
import type { RateLimiter } from './RateLimiter.ts'
import { sequencerBackend, type RpcBackend } from './RpcBackend.ts'
import { parseJsonBody } from './parseJsonBody.ts'

/** A JSON-RPC 2.0 error object. */
export interface JsonRpcError {
  code: number
  message: string
  data?: unknown
}

/** A JSON-RPC 2.0 response. */
export type JsonRpcResponse = { jsonrpc: '2.0'; id: string | number | null } & ({ result: unknown } | { error: JsonRpcError })

/** What the HTTP layer sends back. */
export interface RpcHttpAnswer {
  status: number
  /** Absent for a request made only of notifications (HTTP 204). */
  body?: string
  headers?: Record<string, string>
}

type Id = string | number | null

const errorResponse = (id: Id, error: JsonRpcError): JsonRpcResponse => ({ jsonrpc: '2.0', id, error })
const validId = (id: unknown): id is Id => id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))

/**
 * Turns any error into a JSON-RPC error object: refusals and RPC errors keep their stable
 * codes, messages and data; "unavailable", store and other sequencer errors become -32002;
 * anything unexpected is -32603 "internal error" (logged, never sent with a stack trace).
 *
 * @example
 * ```ts
 * toJsonRpcError(new TxRefusedError({ code: 'NONCE_TOO_LOW', message: 'nonce too low: …' })) // { code: -38001, message: 'nonce too low: …', data: { reason: 'NONCE_TOO_LOW' } }
 * ```
 */
export function toJsonRpcError(e: unknown, log?: (e: unknown) => void): JsonRpcError {
  if (e instanceof TxRefusedError) return { code: e.rpcCode, message: e.message, data: e.data }
  if (e instanceof RpcError) return e.data ? { code: e.rpcCode, message: e.message, data: e.data } : { code: e.rpcCode, message: e.message }
  if (e instanceof SequencerError) return { code: JSON_RPC_CODE.UNAVAILABLE, message: e.message, data: { reason: e.code } }
  log?.(e)
  return { code: JSON_RPC_CODE.INTERNAL_ERROR, message: 'internal error' }
}

/**
 * Answers one HTTP request body of JSON-RPC 2.0: a single call or a batch (at most
 * `maxBatchLength` calls, run concurrently, answered in order; notifications get no answer)
 * by the sequencer's methods, or by another `backend`'s (the node's).
 * Parse errors are -32700, malformed calls -32600, unknown methods -32601, bad params -32602
 * naming the field, and each method's own errors keep their codes. The per-client rate limit
 * counts every call of a batch; over it the whole request gets HTTP 429 and `Retry-After`.
 *
 * @example
 * ```ts
 * const answer = await handleJsonRpc({ sequencer, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}', client: '127.0.0.1', maxBatchLength: 100 })
 * answer.body // '{"jsonrpc":"2.0","id":1,"result":"0x7a69"}'
 * ```
 */
export async function handleJsonRpc<C>(params: ({ sequencer: Sequencer } | { backend: RpcBackend<C> }) & {
  body: string
  client: string
  maxBatchLength: number
  limiter?: RateLimiter
  /** For the 429 message (default: the backend's configuration). */
  rateLimit?: RateLimitConfig
}): Promise<RpcHttpAnswer> {
  const { body, client, limiter } = params
  const backend: RpcBackend<unknown> = 'backend' in params ? (params.backend as RpcBackend<unknown>) : (sequencerBackend(params.sequencer) as RpcBackend<unknown>)
  let parsed: unknown
  try {
    parsed = parseJsonBody(body)
  } catch (e) {
    return answer(200, errorResponse(null, toJsonRpcError(e)))
  }
  const calls = Array.isArray(parsed) ? parsed : [parsed]
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return answer(200, errorResponse(null, { code: JSON_RPC_CODE.INVALID_REQUEST, message: 'invalid request: empty batch' }))
    if (parsed.length > params.maxBatchLength) {
      return answer(200, errorResponse(null, { code: JSON_RPC_CODE.LIMIT_EXCEEDED, message: `batch of ${parsed.length} calls exceeds the limit of ${params.maxBatchLength}` }))
    }
  }
  const wait = limiter?.take(client, calls.length) ?? 0
  if (wait > 0) {
    backend.metrics.rateLimited.inc(undefined, calls.length)
    const rate = params.rateLimit ?? backend.rateLimit
    const res = errorResponse(null, { code: JSON_RPC_CODE.LIMIT_EXCEEDED, message: `rate limit exceeded: ${rate.callsPerSecond} calls per second per client (burst ${rate.burst}); retry in ${wait} ms`, data: { retryAfterMs: wait } })
    return answer(429, res, { 'retry-after': String(Math.ceil(wait / 1000)) })
  }
  const results = await Promise.all(calls.map((c) => runCall(backend, c)))
  const out = results.filter((r): r is JsonRpcResponse => r !== undefined)
  if (out.length === 0) return { status: 204 }
  return answer(200, Array.isArray(parsed) ? out : out[0]!)
}

function answer(status: number, value: unknown, headers?: Record<string, string>): RpcHttpAnswer {
  return { status, body: JSON.stringify(value), headers }
}

async function runCall(backend: RpcBackend<unknown>, call: unknown): Promise<JsonRpcResponse | undefined> {
  if (typeof call !== 'object' || call === null || Array.isArray(call)) {
    return errorResponse(null, { code: JSON_RPC_CODE.INVALID_REQUEST, message: `invalid request: a call must be an object, got ${show(call)}` })
  }
  const c = call as Record<string, unknown>
  const hasId = Object.hasOwn(c, 'id')
  const id: Id = hasId && validId(c.id) ? c.id : null
  const invalid = (message: string): JsonRpcResponse => errorResponse(id, { code: JSON_RPC_CODE.INVALID_REQUEST, message: `invalid request: ${message}` })
  if (hasId && !validId(c.id)) return invalid(`"id" must be a string, a number or null, got ${show(c.id)}`)
  if (c.jsonrpc !== '2.0') return invalid(`"jsonrpc" must be "2.0", got ${show(c.jsonrpc)}`)
  if (typeof c.method !== 'string') return invalid(`"method" must be a string, got ${show(c.method)}`)
  if (c.params !== undefined && (typeof c.params !== 'object' || c.params === null)) return invalid(`"params" must be an array or an object, got ${show(c.params)}`)
  for (const k of Object.keys(c)) if (!['jsonrpc', 'id', 'method', 'params'].includes(k)) return invalid(`unknown member "${k}"`)

  const method = Object.hasOwn(backend.methods, c.method) ? backend.methods[c.method] : undefined
  const label = method ? method.name : 'unknown'
  const started = performance.now()
  let response: JsonRpcResponse
  if (!method) {
    response = errorResponse(id, { code: JSON_RPC_CODE.METHOD_NOT_FOUND, message: `method not found: ${show(c.method)}` })
  } else {
    try {
      const result = await method.handler(backend.context, Params.of(c.params, method.params, method.required))
      response = { jsonrpc: '2.0', id, result }
    } catch (e) {
      response = errorResponse(
        id,
        backend.toRpcError?.(e) ?? toJsonRpcError(e, (err) => backend.logger.error({ err, method: method.name }, 'internal error in a JSON-RPC method')),
      )
    }
  }
  backend.metrics.rpcCalls.inc({ method: label, outcome: 'error' in response ? String(response.error.code) : 'ok' })
  backend.metrics.rpcSeconds.observe((performance.now() - started) / 1000, { method: label })
  return hasId ? response : undefined
}
