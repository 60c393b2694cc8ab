import { JSON_RPC_CODE, RpcError } from '../../errors/index.ts'
import type { RpcMethod } from '../RpcMethod.ts'

const needsSocket = (name: string): never => {
  throw new RpcError({ rpcCode: JSON_RPC_CODE.METHOD_NOT_FOUND, code: 'METHOD_NOT_FOUND', message: `${name} needs a WebSocket connection: connect to ws://<host>:<port>/ and call it there` })
}

/**
 * `rollup_subscribe`: over WebSocket only (see `attachWebSocket`), `["preconfirmations"]` or
 * `["blocks"]`; answers a subscription id, then `rollup_subscription` notifications. Over HTTP
 * it is -32601 with a message saying so.
 *
 * @example
 * ```ts
 * ws.send('{"jsonrpc":"2.0","id":1,"method":"rollup_subscribe","params":["preconfirmations"]}')
 * ```
 */
export const rollupSubscribe: RpcMethod = {
  name: 'rollup_subscribe',
  summary: 'WebSocket only: subscribe to "preconfirmations" or "blocks"; answers a subscription id.',
  params: ['kind'],
  required: 1,
  handler: () => needsSocket('rollup_subscribe'),
}

/**
 * `rollup_unsubscribe`: over WebSocket only, `[subscriptionId]`; answers true if it existed.
 *
 * @example
 * ```ts
 * ws.send('{"jsonrpc":"2.0","id":2,"method":"rollup_unsubscribe","params":["0x…"]}')
 * ```
 */
export const rollupUnsubscribe: RpcMethod = {
  name: 'rollup_unsubscribe',
  summary: 'WebSocket only: cancel a subscription; answers true if it existed.',
  params: ['subscription'],
  required: 1,
  handler: () => needsSocket('rollup_unsubscribe'),
}
