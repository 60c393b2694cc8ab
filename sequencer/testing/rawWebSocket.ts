import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

/** A frame received from the server. */
export interface WsFrame {
  opcode: number
  payload: Buffer
  text: string
}

/** A bare WebSocket client over TCP (test support), to check the server's framing rules too. */
export interface RawWebSocket {
  socket: Socket
  /** Sends a frame; masked text with FIN unless told otherwise. */
  send(data: string | Buffer, opts?: { opcode?: number; fin?: boolean; masked?: boolean }): void
  /** The next frame from the server (waits up to `ms`). */
  next(ms?: number): Promise<WsFrame>
  /** The next text message that is not a notification, or that is one when `notifications`. */
  nextJson(filter?: (m: any) => boolean, ms?: number): Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves when the server closes the TCP connection, with the close code it sent (if any). */
  closed: Promise<number | undefined>
  close(): void
}

/**
 * Opens a WebSocket connection with a hand-made handshake (test support).
 *
 * @example
 * ```ts
 * const ws = await rawWebSocket({ port })
 * ws.send('{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}')
 * (await ws.nextJson()).result // '0x7a69'
 * ```
 */
export async function rawWebSocket(params: { port: number; headers?: Record<string, string>; expectStatus?: number }): Promise<RawWebSocket & { status: number; response: string }> {
  const socket = connect({ host: '127.0.0.1', port: params.port })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('error', reject)
  })
  const headers = { Host: 'x', Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Version': '13', ...params.headers }
  socket.write(`GET / HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`)
  let buf = Buffer.alloc(0)
  const frames: WsFrame[] = []
  const waiters: ((f: WsFrame) => void)[] = []
  let closeCode: number | undefined
  let headerDone = false
  let status = 0
  let response = ''
  const ready = new Promise<void>((resolve) => {
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d])
      if (!headerDone) {
        const end = buf.indexOf('\r\n\r\n')
        if (end < 0) return
        response = buf.subarray(0, end).toString()
        status = Number(/^HTTP\/1\.1 (\d+)/.exec(response)?.[1] ?? 0)
        headerDone = true
        buf = buf.subarray(end + 4)
        resolve()
        if (status !== 101) return
      }
      for (;;) {
        if (buf.length < 2) return
        let len = buf[1]! & 0x7f
        let off = 2
        if (len === 126) {
          if (buf.length < 4) return
          len = buf.readUInt16BE(2)
          off = 4
        } else if (len === 127) {
          if (buf.length < 10) return
          len = buf.readUInt32BE(6)
          off = 10
        }
        if (buf.length < off + len) return
        const f = { opcode: buf[0]! & 0x0f, payload: Buffer.from(buf.subarray(off, off + len)), text: '' }
        f.text = f.payload.toString()
        if (f.opcode === 8 && f.payload.length >= 2) closeCode = f.payload.readUInt16BE(0)
        buf = buf.subarray(off + len)
        const w = waiters.shift()
        if (w) w(f)
        else frames.push(f)
      }
    }
    socket.on('data', onData)
  })
  const closed = new Promise<number | undefined>((resolve) => socket.on('close', () => resolve(closeCode)))
  socket.on('error', () => {})
  await ready
  const next = (ms = 5000): Promise<WsFrame> =>
    frames.length > 0
      ? Promise.resolve(frames.shift()!)
      : new Promise<WsFrame>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error('no frame in time')), ms)
          waiters.push((f) => {
            clearTimeout(t)
            resolve(f)
          })
        })
  return {
    socket,
    status,
    response,
    closed,
    send(data, opts = {}) {
      const payload = typeof data === 'string' ? Buffer.from(data) : data
      const masked = opts.masked ?? true
      const n = payload.length
      const head = Buffer.alloc(n < 126 ? 2 : n < 65536 ? 4 : 10)
      head[0] = ((opts.fin ?? true) ? 0x80 : 0) | (opts.opcode ?? 1)
      if (n < 126) head[1] = n
      else if (n < 65536) {
        head[1] = 126
        head.writeUInt16BE(n, 2)
      } else {
        head[1] = 127
        head.writeUInt32BE(n, 6)
      }
      if (!masked) {
        socket.write(Buffer.concat([head, payload]))
        return
      }
      head[1]! |= 0x80
      const mask = randomBytes(4)
      const body = Buffer.from(payload)
      for (let i = 0; i < body.length; i++) body[i]! ^= mask[i & 3]!
      socket.write(Buffer.concat([head, mask, body]))
    },
    next,
    async nextJson(filter, ms) {
      for (;;) {
        const f = await next(ms)
        if (f.opcode !== 1) continue
        const m = JSON.parse(f.text)
        if (!filter || filter(m)) return m
      }
    },
    close() {
      socket.destroy()
    },
  }
}
