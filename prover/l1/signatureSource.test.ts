import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rpcSignatureSource } from './signatureSource.ts'

let server: Server
let url: string
const asked: unknown[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const call = JSON.parse(body) as { id: number; params: [string, string] }
      asked.push(call.params)
      const first = BigInt(call.params[0])
      const count = Number(BigInt(call.params[1]))
      // Sequence 100 onwards: answers one signature short, like a sequencer that does not have them all.
      const n = first >= 100n ? count - 1 : count
      const result = Array.from({ length: n }, (_, i) => ({ sequence: `0x${(first + BigInt(i)).toString(16)}`, txHash: '0x' + '00'.repeat(32), signature: { r8x: `0x${(i + 1).toString(16)}`, r8y: '0x2', s: '0x3' } }))
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const a = server.address()
  url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('rpcSignatureSource', () => {
  it('asks rollup_getTransactionSignatures for the range and returns the signatures in order', async () => {
    const sigs = await rpcSignatureSource({ url }).get(7n, 3)
    expect(asked.at(-1)).toEqual(['0x7', '0x3'])
    expect(sigs.map((s) => s.R8.x)).toEqual([1n, 2n, 3n])
    expect(sigs[0]).toEqual({ R8: { x: 1n, y: 2n }, S: 3n })
  })

  it('refuses an answer that does not hold exactly the asked sequence numbers', async () => {
    await expect(rpcSignatureSource({ url }).get(100n, 4)).rejects.toThrow(/got 3 signatures/)
  })

  it('asks nothing for an empty range', async () => {
    const before = asked.length
    expect(await rpcSignatureSource({ url }).get(5n, 0)).toEqual([])
    expect(asked.length).toBe(before)
  })
})
