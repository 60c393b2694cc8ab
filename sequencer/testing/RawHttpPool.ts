import { connect, type Socket } from 'node:net'

/** An HTTP answer: status code and body. */
export interface RawHttpAnswer {
  status: number
  body: string
}

interface Connection {
  socket: Socket
  /** Bytes of the answer being read. */
  chunks: Buffer[]
  length: number
  /** The answer's header end and body length, once the header is in. */
  head?: { end: number; bodyLength: number; status: number }
  pending?: { resolve: (a: RawHttpAnswer) => void; reject: (e: Error) => void }
}

const HEADER_END = Buffer.from('\r\n\r\n')

/**
 * A lean HTTP/1.1 client for the load generator: keep-alive TCP connections, one request in
 * flight per connection, requests sent as prebuilt bytes ({@link RawHttpPool.request}) in one
 * write, answers read by `Content-Length`. The bench runs client and server on the same
 * machine, so every microsecond the client spends is taken from the server it measures:
 * node's `http.request` costs about 0.3 ms of CPU per call on the 2-core machines, this
 * about a tenth of that. It is a real HTTP client over real sockets, not a shortcut into the
 * server; it refuses answers it does not understand (no `Content-Length`, e.g. chunked)
 * rather than guess.
 *
 * @example
 * ```ts
 * const pool = new RawHttpPool({ url: 'http://127.0.0.1:8545/', max: 64 })
 * const { status, body } = await pool.post(RawHttpPool.request(pool.url, '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}'))
 * pool.close()
 * ```
 */
export class RawHttpPool {
  readonly url: URL
  private readonly max: number
  private readonly free: Connection[] = []
  private readonly all = new Set<Connection>()
  private readonly waiting: { bytes: Buffer; resolve: (a: RawHttpAnswer) => void; reject: (e: Error) => void }[] = []
  private closed = false

  constructor(params: { url: string; max: number }) {
    this.url = new URL(params.url)
    if (this.url.protocol !== 'http:') throw new RangeError(`RawHttpPool speaks plain HTTP only, got ${params.url}`)
    if (!(Number.isInteger(params.max) && params.max > 0)) throw new RangeError(`max connections must be a positive integer, got ${params.max}`)
    this.max = params.max
  }

  /** The bytes of a JSON POST to `url`'s path, built once so that sending costs one write. */
  static request(url: URL, body: string): Buffer {
    const payload = Buffer.from(body)
    const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\n\r\n`
    return Buffer.concat([Buffer.from(head), payload])
  }

  /** Sends prebuilt request bytes on a free connection (a new one while under `max`, else the first to be free). */
  post(bytes: Buffer): Promise<RawHttpAnswer> {
    if (this.closed) return Promise.reject(new Error('the HTTP pool is closed'))
    return new Promise((resolve, reject) => {
      const c = this.free.pop() ?? (this.all.size < this.max ? this.open() : undefined)
      if (c) this.send(c, bytes, resolve, reject)
      else this.waiting.push({ bytes, resolve, reject })
    })
  }

  /** Closes every connection; requests in flight fail. */
  close(): void {
    this.closed = true
    for (const c of this.all) c.socket.destroy()
    for (const w of this.waiting.splice(0)) w.reject(new Error('the HTTP pool is closed'))
  }

  private open(): Connection {
    const socket = connect({ host: this.url.hostname, port: Number(this.url.port || 80), noDelay: true })
    const c: Connection = { socket, chunks: [], length: 0 }
    this.all.add(c)
    socket.on('data', (d: Buffer) => this.onData(c, d))
    const fail = (e: Error): void => {
      if (!this.all.delete(c)) return // already failed ('error' then 'close')
      const i = this.free.indexOf(c)
      if (i >= 0) this.free.splice(i, 1)
      c.pending?.reject(e)
      c.pending = undefined
      // A request waiting for a connection gets a new one in its place.
      const next = this.closed ? undefined : this.waiting.shift()
      if (next) this.send(this.open(), next.bytes, next.resolve, next.reject)
    }
    socket.on('error', fail)
    socket.on('close', () => fail(new Error('the server closed the connection')))
    return c
  }

  private send(c: Connection, bytes: Buffer, resolve: (a: RawHttpAnswer) => void, reject: (e: Error) => void): void {
    c.pending = { resolve, reject }
    c.socket.write(bytes)
  }

  private onData(c: Connection, d: Buffer): void {
    c.chunks.push(d)
    c.length += d.length
    const data = c.chunks.length === 1 ? d : Buffer.concat(c.chunks, c.length)
    if (c.chunks.length > 1) c.chunks = [data]
    if (!c.head) {
      const end = data.indexOf(HEADER_END)
      if (end < 0) return
      const header = data.toString('latin1', 0, end)
      const status = Number(header.slice(9, 12))
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(header)
      if (!m) {
        c.pending?.reject(new Error(`answer without Content-Length (status ${status}): ${header.split('\r\n')[0]}`))
        c.pending = undefined
        c.socket.destroy()
        return
      }
      c.head = { end: end + 4, bodyLength: Number(m[1]), status }
    }
    const { end, bodyLength, status } = c.head
    if (c.length < end + bodyLength) return
    if (c.length > end + bodyLength) {
      c.pending?.reject(new Error('more bytes than the answer holds: the server sent what was not asked for'))
      c.pending = undefined
      c.socket.destroy()
      return
    }
    const body = data.toString('utf8', end, end + bodyLength)
    const p = c.pending
    c.pending = undefined
    c.head = undefined
    c.chunks = []
    c.length = 0
    const next = this.waiting.shift()
    if (next) this.send(c, next.bytes, next.resolve, next.reject)
    else this.free.push(c)
    p?.resolve({ status, body })
  }
}
