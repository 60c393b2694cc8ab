import { readFileSync } from 'node:fs'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { CONFIG_DEFAULTS } from '../../config/parseConfig.ts'
import type { HttpConfig, RateLimitConfig } from '../../config/index.ts'
import { MetricsRegistry } from '../../metrics/MetricsRegistry.ts'
import { sequencerMetrics } from '../../metrics/sequencerMetrics.ts'
import { createJsonRpcServer } from '../../rpc/createRpcServer.ts'
import type { RpcBackend } from '../../rpc/RpcBackend.ts'
import { headBlockNumber } from './nodeBlocks.ts'
import type { NodeRpcContext } from './NodeRpcContext.ts'
import { nodeRpcError } from './nodeRpcError.ts'
import { NODE_RPC_METHODS } from './methods/index.ts'
import { isCatchingUp } from './methods/nodeEthSyncing.ts'
import type { RollupNode } from '../rollupNode.ts'

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version

/**
 * The node as an `RpcBackend`: {@link NODE_RPC_METHODS} over a {@link NodeRpcContext}, node
 * errors answered with their stable codes (`nodeRpcError`), the JSON-RPC metrics on `registry`.
 *
 * @example
 * ```ts
 * await handleJsonRpc({ backend: nodeRpcBackend({ node, logger }), body, client: '127.0.0.1', maxBatchLength: 100 })
 * ```
 */
export function nodeRpcBackend(params: { node: RollupNode; logger: FastifyBaseLogger; l2ChainId?: bigint; rateLimit?: RateLimitConfig; registry?: MetricsRegistry }): RpcBackend<NodeRpcContext> {
  const { node } = params
  const context: NodeRpcContext = { node, l2ChainId: params.l2ChainId ?? BigInt(node.context.identity.chainId), version: VERSION, startingBlock: headBlockNumber(node) }
  return {
    context,
    methods: NODE_RPC_METHODS,
    logger: params.logger,
    metrics: sequencerMetrics(params.registry ?? new MetricsRegistry()),
    rateLimit: params.rateLimit ?? CONFIG_DEFAULTS.rateLimit,
    toRpcError: nodeRpcError,
  }
}

/**
 * The node's HTTP server: the same fastify JSON-RPC server as the sequencer's
 * (`createJsonRpcServer`: limits, rate limit, `/metrics`) with the node's read methods at
 * `POST /`, and `GET /health` (200 `ok` when caught up, 200 `syncing`, 503 `stuck` when a batch
 * cannot be applied). HTTP only (no WebSocket). Nothing listens until `app.listen()`.
 *
 * @example
 * ```ts
 * const app = createNodeRpcServer({ node })
 * await app.listen({ host: '127.0.0.1', port: 8548 })
 * ```
 */
export function createNodeRpcServer(params: { node: RollupNode; http?: Partial<HttpConfig>; rateLimit?: RateLimitConfig; logger?: FastifyBaseLogger; l2ChainId?: bigint }): FastifyInstance {
  const logger = params.logger ?? (pino({ level: 'silent' }) as FastifyBaseLogger)
  const backend = nodeRpcBackend({ node: params.node, logger, ...(params.l2ChainId !== undefined ? { l2ChainId: params.l2ChainId } : {}), ...(params.rateLimit ? { rateLimit: params.rateLimit } : {}) })
  return createJsonRpcServer({
    backend,
    logger,
    http: { ...CONFIG_DEFAULTS.http, ...params.http },
    rateLimit: backend.rateLimit,
    health: () => {
      const { store } = params.node.context
      const first = store.firstNotApplied()
      const stuck = first !== undefined && (first.status === 'rejected' || first.status === 'unavailable')
      return { status: stuck ? 503 : 200, body: { status: stuck ? 'stuck' : isCatchingUp(params.node) ? 'syncing' : 'ok', block: Number(headBlockNumber(params.node)) } }
    },
  })
}
