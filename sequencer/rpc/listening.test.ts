import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createPublicClient, http, rpcSchema } from 'viem'
import { TX_TYPE, bigintToAddress } from '../../protocol/index.ts'
import { loadExecutionApis } from '../testing/executionApis.ts'
import { TEST_ROLLUP, testSequencer, type TestSequencer } from '../testing/testSequencer.ts'
import { createRpcServer } from './createRpcServer.ts'
import { signedTxToJson } from './format/signedTxJson.ts'
import { RPC_METHODS } from './methods/index.ts'
import { RPC_METHOD_NAMES, type CounterweightRpcSchema } from './rpcSchema.ts'

const spec = loadExecutionApis()
let t: TestSequencer
let app: FastifyInstance
let port: number

beforeAll(async () => {
  t = await testSequencer({
    users: 3,
    config: {
      blockIntervalMs: 100,
      http: { requestTimeoutMs: 600, headersTimeoutMs: 300, keepAliveTimeoutMs: 300, connectionTimeoutMs: 2000, maxConnections: 6 },
      rateLimit: { callsPerSecond: 10_000, burst: 10_000 },
    },
  })
  t.sequencer.start()
  app = createRpcServer({ sequencer: t.sequencer })
  await app.listen({ host: '127.0.0.1', port: 0 })
  port = (app.server.address() as { port: number }).port
})
afterAll(async () => {
  await app.close()
  await t.close()
})

/** Opens a raw TCP connection; resolves with what the server sent once it closes, and when. */
function rawConnection(write?: (s: Socket) => void): Promise<{ data: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const s = connect({ host: '127.0.0.1', port }, () => write?.(s))
    let data = ''
    s.on('data', (d) => (data += d.toString()))
    s.on('close', () => resolve({ data, ms: performance.now() - started }))
    s.on('error', reject)
    setTimeout(() => s.destroy(), 5000).unref()
  })
}

describe('over a listening socket', () => {
  it("viem's public client works unmodified", async () => {
    const client = createPublicClient({ transport: http(`http://127.0.0.1:${port}`, { retryCount: 0 }) })
    expect(await client.getChainId()).toBe(31337)
    const owner = bigintToAddress(t.world.users[0]!.address)
    expect(await client.getBalance({ address: owner })).toBe(10n ** 18n)
    const json = signedTxToJson({ signed: t.world.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 12345n, fee: 0n, nonce: 0n }), chainId: 31337n, rollup: TEST_ROLLUP })
    // The typed schema: the SDK's view of the same server.
    const typed = createPublicClient({ transport: http(`http://127.0.0.1:${port}`), rpcSchema: rpcSchema<CounterweightRpcSchema>() })
    const pre = await typed.request({ method: 'rollup_sendTransaction', params: [json] })
    expect((await typed.request({ method: 'rollup_getAccount', params: ['0x1'] }))?.nonce).toBe('0x1')
    const receipt = await client.waitForTransactionReceipt({ hash: pre.txHash, pollingInterval: 50, timeout: 5000 })
    expect(receipt.status).toBe('success')
    expect(receipt.from).toBe(owner)
    const txn = await client.getTransaction({ hash: pre.txHash })
    expect(txn.value).toBe(12345n)
    expect(txn.nonce).toBe(0)
    expect(txn.type).toBe('legacy')
    const block = await client.getBlock({ blockNumber: receipt.blockNumber, includeTransactions: true })
    expect(block.transactions[0]!.hash).toBe(pre.txHash)
    expect((await client.getBlock({ blockHash: block.hash! })).number).toBe(receipt.blockNumber)
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBeGreaterThanOrEqual(receipt.blockNumber)
    expect(await client.getTransactionCount({ address: owner })).toBe(1)
    const latest = await client.getBlock({ blockTag: 'latest' })
    expect(latest.number).toBeGreaterThanOrEqual(receipt.blockNumber)
    // The raw answers viem parsed are in the specification's shapes.
    const raw = await client.request({ method: 'eth_getBlockByNumber', params: [`0x${receipt.blockNumber.toString(16)}`, true] })
    expect(spec.validateResult('eth_getBlockByNumber', raw)).toEqual([])
  })

  it('the exported schema lists exactly the methods served', () => {
    expect([...RPC_METHOD_NAMES].sort()).toEqual(Object.keys(RPC_METHODS).sort())
  })

  it('closes a connection whose headers do not arrive in time (408)', async () => {
    const r = await rawConnection((s) => s.write('POST / HTTP/1.1\r\nHost: x\r\n'))
    expect(r.data).toMatch(/^HTTP\/1\.1 408/)
    expect(r.ms).toBeLessThan(1500)
  })

  it('closes a request whose body does not arrive in time (408)', async () => {
    const r = await rawConnection((s) => s.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"jsonrpc"'))
    expect(r.data).toMatch(/^HTTP\/1\.1 408/)
    expect(r.ms).toBeLessThan(2000)
  })

  it('closes an idle keep-alive connection', async () => {
    const body = '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}'
    const r = await rawConnection((s) => s.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`))
    expect(r.data).toMatch(/^HTTP\/1\.1 200/)
    expect(r.data).toContain('"result":"0x7a69"')
    expect(r.ms).toBeLessThan(3000) // keep-alive 300 ms (Node adds up to a second of grace); never the 5 s of the test's own timer
  })

  it('refuses connections beyond the cap', async () => {
    const sockets: Socket[] = []
    for (let i = 0; i < 6; i++) {
      sockets.push(await new Promise<Socket>((resolve) => {
        const s = connect({ host: '127.0.0.1', port }, () => resolve(s))
      }))
    }
    const extra = await rawConnection()
    expect(extra.data).toBe('')
    expect(extra.ms).toBeLessThan(300)
    for (const s of sockets) s.destroy()
  })

  it('rate-limits a client with 429 and Retry-After', async () => {
    const limited = createRpcServer({ sequencer: t.sequencer, http: t.config.http, rateLimit: { callsPerSecond: 2, burst: 3 } })
    await limited.listen({ host: '127.0.0.1', port: 0 })
    const url = `http://127.0.0.1:${(limited.server.address() as { port: number }).port}/`
    const send = (n: number): Promise<Response> =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId' }))) })
    expect((await send(3)).status).toBe(200)
    const r = await send(1)
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBe('1')
    const body = (await r.json()) as { error: { code: number; message: string } }
    expect(body.error.code).toBe(-32005)
    expect(body.error.message).toMatch(/^rate limit exceeded: 2 calls per second per client \(burst 3\); retry in \d+ ms$/)
    await new Promise((res) => setTimeout(res, 600))
    expect((await send(1)).status).toBe(200)
    await limited.close()
  })
})
