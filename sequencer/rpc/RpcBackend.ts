import type { RateLimitConfig } from '../config/index.ts'
import type { Sequencer } from '../createSequencer.ts'
import type { SequencerMetrics } from '../metrics/sequencerMetrics.ts'
import type { JsonRpcError } from './handleJsonRpc.ts'
import type { RpcMethod } from './RpcMethod.ts'
import { RPC_METHODS } from './methods/index.ts'

/** The instruments the JSON-RPC layer updates (a subset of the sequencer's metrics). */
export type RpcMetrics = Pick<SequencerMetrics, 'registry' | 'rpcCalls' | 'rpcSeconds' | 'httpRequests' | 'rateLimited'>

/**
 * What the JSON-RPC layer (`handleJsonRpc`, `createJsonRpcServer`) serves from: a table of
 * methods over a context, a logger for internal errors, the metrics it counts into, the rate
 * limit (for messages) and, optionally, how to answer the backend's own errors. The sequencer
 * is one backend ({@link sequencerBackend}); the node (`sequencer/node/rpc/`) is another.
 *
 * @example
 * ```ts
 * const backend: RpcBackend<MyContext> = { context, methods: { eth_chainId: ethChainIdOfMine }, logger, metrics, rateLimit: { callsPerSecond: 0, burst: 1 } }
 * await handleJsonRpc({ backend, body, client: '127.0.0.1', maxBatchLength: 100 })
 * ```
 */
export interface RpcBackend<C = unknown> {
  readonly context: C
  readonly methods: Readonly<Record<string, RpcMethod<C>>>
  readonly logger: { error(obj: object, msg?: string): void }
  readonly metrics: RpcMetrics
  readonly rateLimit: RateLimitConfig
  /** A JSON-RPC error for the backend's own errors; undefined leaves `toJsonRpcError`'s answer. */
  toRpcError?(e: unknown): JsonRpcError | undefined
}

const backends = new WeakMap<Sequencer, RpcBackend<Sequencer>>()

/**
 * The sequencer as an {@link RpcBackend}: its methods (`RPC_METHODS`), logger, metrics and
 * rate limit (one object per sequencer, cached).
 *
 * @example
 * ```ts
 * await handleJsonRpc({ backend: sequencerBackend(sequencer), body, client, maxBatchLength: 100 })
 * ```
 */
export function sequencerBackend(sequencer: Sequencer): RpcBackend<Sequencer> {
  let b = backends.get(sequencer)
  if (!b) backends.set(sequencer, (b = { context: sequencer, methods: RPC_METHODS, logger: sequencer.logger, metrics: sequencer.metrics, rateLimit: sequencer.config.rateLimit }))
  return b
}
