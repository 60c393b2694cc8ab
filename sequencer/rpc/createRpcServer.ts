import { createServer } from 'node:http'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify'
import type { HttpConfig, RateLimitConfig } from '../config/index.ts'
import type { Sequencer } from '../createSequencer.ts'
import { JSON_RPC_CODE } from '../errors/index.ts'
import { RateLimiter } from './RateLimiter.ts'
import { sequencerBackend, type RpcBackend } from './RpcBackend.ts'
import { handleJsonRpc } from './handleJsonRpc.ts'
import { attachWebSocket } from '../ws/attachWebSocket.ts'

/**
 * The sequencer's HTTP server (fastify): JSON-RPC 2.0 at `POST /` and over WebSocket (any
 * path, with subscriptions: `attachWebSocket`), Prometheus metrics at `GET /metrics`, and
 * `GET /health`. Limits fastify leaves off by default are on: body size
 * (HTTP 413 before parsing), time to receive a request (408), headers timeout, keep-alive and
 * idle-socket timeouts, a connection cap, a per-client rate limit (429); the body parser
 * refuses prototype poisoning. Errors are JSON-RPC error objects, never stack traces. Test it
 * with `app.inject()`; nothing listens until `app.listen()`.
 *
 * @example
 * ```ts
 * const app = createRpcServer({ sequencer })
 * await app.listen({ host: sequencer.config.http.host, port: sequencer.config.http.port })
 * ```
 */
export function createRpcServer(params: {
  sequencer: Sequencer
  /** HTTP limits (default: the sequencer's configuration). */
  http?: HttpConfig
  /** Rate limit (default: the sequencer's configuration). */
  rateLimit?: RateLimitConfig
}): FastifyInstance {
  const { sequencer } = params
  const http = params.http ?? sequencer.config.http
  const rate = params.rateLimit ?? sequencer.config.rateLimit
  return createJsonRpcServer({
    backend: sequencerBackend(sequencer),
    logger: sequencer.logger as FastifyBaseLogger,
    http,
    rateLimit: rate,
    health: () => {
      const failed = sequencer.journal.failed
      const batcher = sequencer.batcher?.status().phase
      return { status: failed ? 503 : 200, body: { status: failed ? 'failed' : 'ok', preconfirmedSequence: sequencer.journal.durable.seq, block: sequencer.sealer.latest.number, ...(batcher ? { batcher } : {}) } }
    },
    // WebSocket on the same port: JSON-RPC and subscriptions (rollup_subscribe, eth_subscribe).
    attach: (app, limiter) =>
      attachWebSocket({
        server: app.server,
        sequencer,
        limiter,
        rateLimit: rate,
        maxMessageBytes: http.bodyLimitBytes,
        maxBatchLength: http.maxBatchLength,
        clientOf: (req) => (http.trustProxy ? (String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() || req.socket.remoteAddress) : req.socket.remoteAddress) ?? 'unknown',
      }),
  })
}

/**
 * The HTTP server of any {@link RpcBackend} (the sequencer's, the node's): JSON-RPC 2.0 at
 * `POST /`, Prometheus metrics at `GET /metrics` (the backend's registry), `GET /health`
 * (answered by `health`), with every limit of {@link createRpcServer} (body size, timeouts,
 * connection cap, per-client rate limit, prototype-poisoning refusal). `attach` may add a
 * listener on the same server (the sequencer's WebSocket) and returns how to detach it.
 *
 * @example
 * ```ts
 * const app = createJsonRpcServer({ backend, logger, http: CONFIG_DEFAULTS.http, rateLimit: { callsPerSecond: 0, burst: 1 }, health: () => ({ status: 200, body: { status: 'ok' } }) })
 * await app.listen({ port: 8547 })
 * ```
 */
export function createJsonRpcServer<C>(params: {
  backend: RpcBackend<C>
  logger: FastifyBaseLogger
  http: HttpConfig
  rateLimit: RateLimitConfig
  health: () => { status: number; body: unknown }
  attach?: (app: FastifyInstance, limiter: RateLimiter) => () => void
}): FastifyInstance {
  const { backend, http } = params
  const rate = params.rateLimit
  const limiter = new RateLimiter({ ratePerSecond: rate.callsPerSecond, burst: rate.burst })
  const app = Fastify({
    loggerInstance: params.logger,
    // One log line per request would cost more than the request at thousands per second.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: http.bodyLimitBytes,
    trustProxy: http.trustProxy,
    connectionTimeout: http.connectionTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    requestTimeout: http.requestTimeoutMs,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    serverFactory: (handler) => {
      const server = createServer(
        {
          requestTimeout: http.requestTimeoutMs,
          headersTimeout: http.headersTimeoutMs,
          keepAliveTimeout: http.keepAliveTimeoutMs,
          // Node checks request and headers timeouts on this period (30 s by default).
          connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(http.headersTimeoutMs / 2))),
        },
        handler,
      )
      server.setTimeout(http.connectionTimeoutMs)
      server.maxConnections = http.maxConnections
      return server
    },
  })

  // Bodies are read as text (fastify enforces bodyLimit first) and parsed by handleJsonRpc,
  // so that a parse error is a JSON-RPC -32700 and poisoning is checked our way.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))

  app.addHook('onResponse', (_req, reply, done) => {
    backend.metrics.httpRequests.inc({ status: String(reply.statusCode) })
    done()
  })

  app.post('/', async (req, reply) => {
    const body = typeof req.body === 'string' ? req.body : ''
    const answer = await handleJsonRpc({ backend, body, client: req.ip, maxBatchLength: http.maxBatchLength, limiter, rateLimit: rate })
    reply.code(answer.status)
    if (answer.headers) reply.headers(answer.headers)
    if (answer.body === undefined) return reply.send()
    return reply.type('application/json').send(answer.body)
  })

  app.get('/metrics', async (_req, reply) => reply.type('text/plain; version=0.0.4').send(backend.metrics.registry.render()))

  app.get('/health', async (_req, reply) => {
    const h = params.health()
    return reply.code(h.status).send(h.body)
  })

  const detach = params.attach?.(app, limiter)
  if (detach) app.addHook('preClose', async () => detach())

  app.setNotFoundHandler(async (req, reply) =>
    reply.code(404).type('application/json').send(rpcError(JSON_RPC_CODE.INVALID_REQUEST, `not found: ${req.method} ${req.url.slice(0, 100)}; send JSON-RPC requests with POST to /`)),
  )

  app.setErrorHandler(async (err: FastifyError, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
    if (status === 413) {
      return reply.code(413).type('application/json').send(rpcError(JSON_RPC_CODE.INVALID_REQUEST, `request body is larger than the limit of ${http.bodyLimitBytes} bytes`))
    }
    if (status < 500) return reply.code(status).type('application/json').send(rpcError(JSON_RPC_CODE.INVALID_REQUEST, `invalid request: ${err.message}`))
    backend.logger.error({ err }, 'HTTP handler failed')
    return reply.code(500).type('application/json').send(rpcError(JSON_RPC_CODE.INTERNAL_ERROR, 'internal error'))
  })

  return app
}

function rpcError(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } })
}
