import { JSON_RPC_CODE, RpcError } from '../errors/index.ts'

const SUSPICIOUS = /__proto__|constructor|\\u/

/**
 * Parses a request body as JSON, refusing prototype-poisoning payloads: an object with an own
 * `__proto__` key, or a `constructor` key holding an object with a `prototype` key (as
 * secure-json-parse does). A cheap text scan decides whether the parsed value needs the deep
 * check, so ordinary bodies pay nothing for it. Throws {@link RpcError} -32700 for bad JSON
 * and -32600 for a poisoned body.
 *
 * @example
 * ```ts
 * parseJsonBody('{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}')
 * parseJsonBody('{"__proto__":{"admin":true}}') // throws: -32600 forbidden key "__proto__"
 * ```
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new RpcError({ rpcCode: JSON_RPC_CODE.PARSE_ERROR, code: 'PARSE_ERROR', message: `parse error: ${(e as Error).message}` })
  }
  if (SUSPICIOUS.test(text)) assertNotPoisoned(value)
  return value
}

function assertNotPoisoned(root: unknown): void {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node !== 'object' || node === null) continue
    if (Array.isArray(node)) {
      stack.push(...node)
      continue
    }
    if (Object.hasOwn(node, '__proto__')) throw poisoned('__proto__')
    const ctor = (node as Record<string, unknown>).constructor
    if (Object.hasOwn(node, 'constructor') && typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype')) throw poisoned('constructor.prototype')
    for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) stack.push(v)
  }
}

const poisoned = (key: string): RpcError =>
  new RpcError({ rpcCode: JSON_RPC_CODE.INVALID_REQUEST, code: 'INVALID_REQUEST', message: `invalid request: forbidden key "${key}" (prototype poisoning)` })
