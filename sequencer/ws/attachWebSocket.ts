import { randomBytes } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { RateLimitConfig } from '../config/index.ts'
import type { Sequencer } from '../createSequencer.ts'
import { JSON_RPC_CODE, RpcError } from '../errors/index.ts'
import type { RateLimiter } from '../rpc/RateLimiter.ts'
import { ethBlock } from '../rpc/format/ethJson.ts'
import { preconfirmationToJson } from '../rpc/format/preconfirmationJson.ts'
import { handleJsonRpc, toJsonRpcError } from '../rpc/handleJsonRpc.ts'
import { parseJsonBody } from '../rpc/parseJsonBody.ts'
import { show } from '../rpc/Params.ts'
import { WS_CLOSE, WsConnection, webSocketAccept } from './WsConnection.ts'

/** What a subscription delivers. */
export type SubscriptionKind = 'preconfirmations' | 'blocks'
const KINDS: Readonly<Record<string, SubscriptionKind>> = { preconfirmations: 'preconfirmations', blocks: 'blocks', newHeads: 'blocks' }
const SUBSCRIBE = new Set(['rollup_subscribe', 'rollup_unsubscribe', 'eth_subscribe', 'eth_unsubscribe'])

interface Client {
  ws: WsConnection
  address: string
  subs: Map<string, { kind: SubscriptionKind; notify: 'rollup_subscription' | 'eth_subscription' }>
}

/**
 * JSON-RPC over WebSocket on the sequencer's HTTP server (same port, any path): every method
 * of the HTTP interface, one call or batch per text message, with the same rate limit, plus
 * subscriptions. `rollup_subscribe(["preconfirmations" | "blocks"])` answers a subscription
 * id and then sends `rollup_subscription` notifications `{ subscription, result }`: each
 * durable signed preconfirmation, each sealed block (header, transaction hashes).
 * `eth_subscribe(["newHeads"])` (or `"preconfirmations"`) does the same with
 * `eth_subscription` notifications, so viem's `watchBlocks` over a `webSocket` transport
 * works. `*_unsubscribe([id])` answers true or false. At most `maxSubscriptions` per
 * connection; idle connections are pinged and closed if silent for two intervals.
 *
 * @example
 * ```ts
 * const stop = attachWebSocket({ server: app.server, sequencer, limiter, rateLimit, maxMessageBytes: 262144, maxBatchLength: 100 })
 * ```
 */
export function attachWebSocket(params: {
  server: Server
  sequencer: Sequencer
  limiter?: RateLimiter
  rateLimit: RateLimitConfig
  maxMessageBytes: number
  maxBatchLength: number
  maxSubscriptions?: number
  pingIntervalMs?: number
  /** Client address of an upgrade request (for the rate limit). */
  clientOf?: (req: IncomingMessage) => string
}): () => void {
  const { sequencer } = params
  const maxSubs = params.maxSubscriptions ?? 16
  const clients = new Set<Client>()

  const refuse = (socket: Duplex, status: string, message: string): void => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`)
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const key = req.headers['sec-websocket-key']
    if (req.method !== 'GET' || !/\bwebsocket\b/i.test(req.headers.upgrade ?? '')) return refuse(socket, '400 Bad Request', 'only WebSocket upgrades are served here')
    if (req.headers['sec-websocket-version'] !== '13') return refuse(socket, '426 Upgrade Required', 'WebSocket version 13 only')
    if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(key)) return refuse(socket, '400 Bad Request', 'missing or malformed Sec-WebSocket-Key')
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${webSocketAccept(key)}\r\n\r\n`)
    ;(socket as Duplex & { setTimeout?: (ms: number) => void; setNoDelay?: (v: boolean) => void }).setTimeout?.(0)
    ;(socket as Duplex & { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true)
    const client: Client = {
      ws: undefined as unknown as WsConnection,
      address: params.clientOf?.(req) ?? req.socket.remoteAddress ?? 'unknown',
      subs: new Map(),
    }
    client.ws = new WsConnection({
      socket,
      maxMessageBytes: params.maxMessageBytes,
      onMessage: (text) => void onMessage(client, text),
      onClose: () => clients.delete(client),
    })
    clients.add(client)
    if (head.length > 0) socket.unshift(head)
  }

  const onMessage = async (client: Client, text: string): Promise<void> => {
    let parsed: unknown
    try {
      parsed = parseJsonBody(text)
    } catch {
      parsed = undefined
    }
    const call = parsed as { method?: unknown; id?: unknown; params?: unknown } | undefined
    if (call && typeof call === 'object' && !Array.isArray(call) && typeof call.method === 'string' && SUBSCRIBE.has(call.method)) {
      const id = typeof call.id === 'string' || typeof call.id === 'number' ? call.id : null
      const wait = params.limiter?.take(client.address, 1) ?? 0
      let answer: unknown
      if (wait > 0) {
        answer = { jsonrpc: '2.0', id, error: { code: JSON_RPC_CODE.LIMIT_EXCEEDED, message: `rate limit exceeded: ${params.rateLimit.callsPerSecond} calls per second per client (burst ${params.rateLimit.burst}); retry in ${wait} ms` } }
      } else {
        try {
          answer = { jsonrpc: '2.0', id, result: subscription(client, call.method, call.params) }
        } catch (e) {
          answer = { jsonrpc: '2.0', id, error: toJsonRpcError(e) }
        }
      }
      if ('id' in call) client.ws.send(JSON.stringify(answer))
      return
    }
    const out = await handleJsonRpc({ sequencer, body: text, client: client.address, maxBatchLength: params.maxBatchLength, limiter: params.limiter, rateLimit: params.rateLimit })
    if (out.body !== undefined) client.ws.send(out.body)
  }

  const subscription = (client: Client, method: string, raw: unknown): unknown => {
    const args = Array.isArray(raw) ? raw : []
    if (method.endsWith('_unsubscribe')) {
      if (typeof args[0] !== 'string') throw new RpcError({ rpcCode: JSON_RPC_CODE.INVALID_PARAMS, code: 'INVALID_PARAMS', message: `invalid params: params[0] (subscription): must be a subscription id, got ${show(args[0])}` })
      return client.subs.delete(args[0])
    }
    const kind = typeof args[0] === 'string' && Object.hasOwn(KINDS, args[0]) ? KINDS[args[0]] : undefined
    if (!kind) {
      throw new RpcError({ rpcCode: JSON_RPC_CODE.INVALID_PARAMS, code: 'INVALID_PARAMS', message: `invalid params: params[0] (kind): must be "preconfirmations", "blocks" or "newHeads", got ${show(args[0])}` })
    }
    if (args.length > 1) throw new RpcError({ rpcCode: JSON_RPC_CODE.INVALID_PARAMS, code: 'INVALID_PARAMS', message: `invalid params: expected 1 param [kind], got ${args.length}` })
    if (client.subs.size >= maxSubs) throw new RpcError({ rpcCode: JSON_RPC_CODE.LIMIT_EXCEEDED, code: 'LIMIT_EXCEEDED', message: `at most ${maxSubs} subscriptions per connection` })
    const id = `0x${randomBytes(16).toString('hex')}`
    client.subs.set(id, { kind, notify: method === 'eth_subscribe' ? 'eth_subscription' : 'rollup_subscription' })
    return id
  }

  const publish = (kind: SubscriptionKind, result: unknown): void => {
    if (clients.size === 0) return
    const json = JSON.stringify(result)
    for (const c of clients) {
      for (const [id, s] of c.subs) {
        if (s.kind === kind) c.ws.send(`{"jsonrpc":"2.0","method":"${s.notify}","params":{"subscription":"${id}","result":${json}}}`)
      }
    }
  }

  const offPreconfirmed = sequencer.onPreconfirmed((accepted) =>
    publish('preconfirmations', preconfirmationToJson({ accepted, chainId: sequencer.config.chainId, rollup: sequencer.config.rollupAddress, sequencer: sequencer.address })),
  )
  const offBlock = sequencer.onBlock((block) => {
    if (clients.size === 0) return
    const hashes = block.txCount > 0 ? sequencer.store.txRange(block.firstSeq, block.txCount).map((t) => t.hash) : []
    publish('blocks', ethBlock({ block, miner: sequencer.address, txHashes: hashes }))
  })
  const interval = params.pingIntervalMs ?? 30_000
  const pinger = setInterval(() => {
    const now = Date.now()
    for (const c of clients) {
      if (now - c.ws.lastSeen > 2 * interval) c.ws.close(WS_CLOSE.GOING_AWAY, 'idle')
      else c.ws.ping()
    }
  }, interval)
  pinger.unref()
  params.server.on('upgrade', onUpgrade)
  return () => {
    params.server.off('upgrade', onUpgrade)
    clearInterval(pinger)
    offPreconfirmed()
    offBlock()
    for (const c of clients) c.ws.close(WS_CLOSE.GOING_AWAY, 'server closing')
  }
}
