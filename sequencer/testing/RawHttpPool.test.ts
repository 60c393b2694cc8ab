import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { RawHttpPool } from './RawHttpPool.ts'

let server: Server | undefined
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())))

/** A server that echoes the body back with the request's method, path and content type, each answer in the way `answer` writes it. */
async function start(answer: (res: import('node:http').ServerResponse, text: string) => void): Promise<string> {
  server = createServer((req, res) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (text += c))
    req.on('end', () => answer(res, JSON.stringify({ method: req.method, path: req.url, type: req.headers['content-type'], body: text })))
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/rpc`
}

describe('RawHttpPool', () => {
  it('posts JSON and reads the answer by Content-Length, also when it arrives in pieces', async () => {
    const url = await start((res, text) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
      // Header and body in separate writes, the body itself split in two.
      res.flushHeaders()
      const mid = Math.floor(text.length / 2)
      res.write(text.slice(0, mid))
      setTimeout(() => res.end(text.slice(mid)), 5)
    })
    const pool = new RawHttpPool({ url, max: 2 })
    const a = await pool.post(RawHttpPool.request(pool.url, '{"x":"é"}'))
    expect(a.status).toBe(201)
    expect(JSON.parse(a.body)).toEqual({ method: 'POST', path: '/rpc', type: 'application/json', body: '{"x":"é"}' })
    pool.close()
  })

  it('queues requests beyond its connections and answers each with its own body', async () => {
    const url = await start((res, text) => res.writeHead(200, { 'content-length': Buffer.byteLength(text) }).end(text))
    const pool = new RawHttpPool({ url, max: 3 })
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.post(RawHttpPool.request(pool.url, `{"i":${i}}`))))
    expect(answers.map((a) => JSON.parse(JSON.parse(a.body).body).i)).toEqual(Array.from({ length: 40 }, (_, i) => i))
    pool.close()
  })

  it('refuses an answer without Content-Length instead of guessing where it ends', async () => {
    const url = await start((res, text) => {
      res.writeHead(200, { 'content-type': 'application/json' }) // no length: chunked
      res.write(text)
      res.end()
    })
    const pool = new RawHttpPool({ url, max: 1 })
    await expect(pool.post(RawHttpPool.request(pool.url, '{}'))).rejects.toThrow(/without Content-Length/)
    pool.close()
  })

  it('fails the request in flight when the server closes the connection', async () => {
    const url = await start((res) => res.socket?.destroy())
    const pool = new RawHttpPool({ url, max: 1 })
    await expect(pool.post(RawHttpPool.request(pool.url, '{}'))).rejects.toThrow(/closed the connection/)
    pool.close()
  })

  it('sends a request that waited for a connection on a new one when that connection dies', async () => {
    let seen = 0
    const url = await start((res, text) => {
      if (seen++ === 0) return res.socket?.destroy()
      res.writeHead(200, { 'content-length': Buffer.byteLength(text) }).end(text)
    })
    const pool = new RawHttpPool({ url, max: 1 })
    const [first, second] = await Promise.allSettled([pool.post(RawHttpPool.request(pool.url, '{"n":1}')), pool.post(RawHttpPool.request(pool.url, '{"n":2}'))])
    expect(first.status).toBe('rejected')
    expect(second.status === 'fulfilled' && JSON.parse(JSON.parse(second.value.body).body)).toEqual({ n: 2 })
    pool.close()
  })

  it('checks its parameters', () => {
    expect(() => new RawHttpPool({ url: 'https://example.org/', max: 1 })).toThrow(/plain HTTP only/)
    expect(() => new RawHttpPool({ url: 'http://127.0.0.1:1/', max: 0 })).toThrow(/positive integer/)
  })
})
