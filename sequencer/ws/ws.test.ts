import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createPublicClient, webSocket } from 'viem'
import { TX_TYPE } from '../../protocol/index.ts'
import { createRpcServer } from '../rpc/createRpcServer.ts'
import { signedTxToJson } from '../rpc/format/signedTxJson.ts'
import { loadExecutionApis } from '../testing/executionApis.ts'
import { rawWebSocket } from '../testing/rawWebSocket.ts'
import { TEST_ROLLUP, testSequencer, type TestSequencer } from '../testing/testSequencer.ts'
import { webSocketAccept } from './WsConnection.ts'

let t: TestSequencer
let app: FastifyInstance
let port: number
const spec = loadExecutionApis()

beforeAll(async () => {
  t = await testSequencer({ users: 3, config: { blockIntervalMs: 100, http: { bodyLimitBytes: 4096 }, rateLimit: { callsPerSecond: 10_000, burst: 10_000 } } })
  t.sequencer.start()
  app = createRpcServer({ sequencer: t.sequencer })
  await app.listen({ host: '127.0.0.1', port: 0 })
  port = (app.server.address() as { port: number }).port
})
afterAll(async () => {
  await app.close()
  await t.close()
})

const rpc = (id: number, method: string, params: unknown[] = []): string => JSON.stringify({ jsonrpc: '2.0', id, method, params })
const isNote = (m: { method?: string }): boolean => m.method === 'rollup_subscription' || m.method === 'eth_subscription'

describe('WebSocket', () => {
  it('computes the RFC 6455 accept key', () => {
    expect(webSocketAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=')
  })

  it('serves JSON-RPC calls and batches', async () => {
    const ws = await rawWebSocket({ port })
    expect(ws.status).toBe(101)
    ws.send(rpc(1, 'eth_chainId'))
    expect(await ws.nextJson()).toEqual({ jsonrpc: '2.0', id: 1, result: '0x7a69' })
    ws.send(`[${rpc(2, 'net_version')},${rpc(3, 'nope')}]`)
    const batch = await ws.nextJson()
    expect(batch.map((x: { id: number }) => x.id)).toEqual([2, 3])
    expect(batch[1].error.code).toBe(-32601)
    ws.send('{not json')
    expect((await ws.nextJson()).error.code).toBe(-32700)
    ws.close()
  })

  it('streams durable preconfirmations and sealed blocks to subscribers', async () => {
    const ws = await rawWebSocket({ port })
    ws.send(rpc(1, 'rollup_subscribe', ['preconfirmations']))
    const preSub: string = (await ws.nextJson((m) => m.id === 1)).result
    expect(preSub).toMatch(/^0x[0-9a-f]{32}$/)
    ws.send(rpc(2, 'rollup_subscribe', ['blocks']))
    const blockSub: string = (await ws.nextJson((m) => m.id === 2)).result
    const json = signedTxToJson({ signed: t.world.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 77n, fee: 0n, nonce: 0n }), chainId: 31337n, rollup: TEST_ROLLUP })
    ws.send(rpc(3, 'rollup_sendTransaction', [json]))
    const answers: Record<string, unknown>[] = []
    let pre: { result: { txHash: string } } | undefined
    let block: { transactions: string[] } | undefined
    while (!pre || !block || answers.length === 0) {
      const m = await ws.nextJson()
      if (m.id === 3) answers.push(m.result)
      else if (m.params?.subscription === preSub) pre = m.params
      else if (m.params?.subscription === blockSub && m.params.result.transactions.length > 0) {
        block = m.params.result
        expect(spec.validateResult('eth_getBlockByNumber', block)).toEqual([])
      }
    }
    expect(pre.result).toEqual(answers[0])
    expect(block.transactions).toEqual([pre.result.txHash])
    ws.send(rpc(4, 'rollup_unsubscribe', [preSub]))
    expect((await ws.nextJson((m) => m.id === 4)).result).toBe(true)
    ws.send(rpc(5, 'rollup_unsubscribe', [preSub]))
    expect((await ws.nextJson((m) => m.id === 5)).result).toBe(false)
    ws.close()
  })

  it('refuses bad subscriptions with precise errors', async () => {
    const ws = await rawWebSocket({ port })
    ws.send(rpc(1, 'rollup_subscribe', ['logs']))
    expect((await ws.nextJson((m) => !isNote(m))).error).toMatchObject({ code: -32602, message: 'invalid params: params[0] (kind): must be "preconfirmations", "blocks" or "newHeads", got "logs"' })
    for (let i = 0; i < 16; i++) ws.send(rpc(10 + i, 'rollup_subscribe', ['preconfirmations']))
    for (let i = 0; i < 16; i++) expect((await ws.nextJson((m) => !isNote(m))).result).toBeDefined()
    ws.send(rpc(99, 'rollup_subscribe', ['blocks']))
    expect((await ws.nextJson((m) => m.id === 99)).error).toMatchObject({ code: -32005, message: 'at most 16 subscriptions per connection' })
    ws.close()
    const http = await app.inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, payload: rpc(1, 'rollup_subscribe', ['blocks']) })
    expect(JSON.parse(http.body).error).toMatchObject({ code: -32601, message: 'rollup_subscribe needs a WebSocket connection: connect to ws://<host>:<port>/ and call it there' })
  })

  it('enforces the framing rules and the message size', async () => {
    const cases: [(ws: Awaited<ReturnType<typeof rawWebSocket>>) => void, number][] = [
      [(ws) => ws.send(rpc(1, 'eth_chainId'), { masked: false }), 1002],
      [(ws) => ws.send(Buffer.from([1, 2, 3]), { opcode: 2 }), 1003],
      [(ws) => ws.send(Buffer.from([0xff, 0xfe, 0xfd])), 1007],
      [(ws) => ws.send('x'.repeat(5000)), 1009],
      [(ws) => ws.send('abc', { opcode: 0 }), 1002],
      [(ws) => ws.send('abc', { opcode: 7 }), 1002],
    ]
    for (const [act, code] of cases) {
      const ws = await rawWebSocket({ port })
      act(ws)
      expect(await ws.closed).toBe(code)
    }
    // A fragmented message is reassembled; a ping is answered.
    const ws = await rawWebSocket({ port })
    const msg = rpc(7, 'eth_chainId')
    ws.send(msg.slice(0, 10), { fin: false })
    ws.send(Buffer.from('hi'), { opcode: 9 })
    ws.send(msg.slice(10), { opcode: 0 })
    const pong = await ws.next()
    expect(pong.opcode).toBe(10)
    expect(pong.text).toBe('hi')
    expect((await ws.nextJson()).result).toBe('0x7a69')
    ws.close()
  })

  it('refuses a bad handshake', async () => {
    expect((await rawWebSocket({ port, headers: { 'Sec-WebSocket-Version': '8' } })).status).toBe(426)
    expect((await rawWebSocket({ port, headers: { 'Sec-WebSocket-Key': 'short' } })).status).toBe(400)
  })

  it("works with viem's webSocket transport (calls and watchBlocks over eth_subscribe)", async () => {
    const client = createPublicClient({ transport: webSocket(`ws://127.0.0.1:${port}/`) })
    expect(await client.getChainId()).toBe(31337)
    const blocks: bigint[] = []
    await new Promise<void>((resolve, reject) => {
      const unwatch = client.watchBlocks({
        onBlock: (b) => {
          blocks.push(b.number!)
          if (blocks.length === 2) {
            unwatch()
            resolve()
          }
        },
        onError: reject,
      })
    })
    expect(blocks[1]).toBe(blocks[0]! + 1n)
    await (await client.transport.getRpcClient()).close()
  })
})
