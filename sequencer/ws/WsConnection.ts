import { createHash } from 'node:crypto'
import type { Duplex } from 'node:stream'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Close codes of RFC 6455 that this server sends. */
export const WS_CLOSE = { NORMAL: 1000, GOING_AWAY: 1001, PROTOCOL_ERROR: 1002, UNSUPPORTED_DATA: 1003, INVALID_DATA: 1007, POLICY: 1008, TOO_BIG: 1009 } as const

/**
 * The `Sec-WebSocket-Accept` value for a handshake key (RFC 6455 §4.2.2).
 *
 * @example
 * ```ts
 * webSocketAccept('dGhlIHNhbXBsZSBub25jZQ==') // 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
 * ```
 */
export function webSocketAccept(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64')
}

/**
 * One server-side WebSocket connection (RFC 6455), written by hand because Node 20 has no
 * WebSocket server and no package for one is installed: text messages only, strict framing
 * (client frames must be masked, reserved bits clear, control frames short and whole),
 * fragmented messages reassembled up to `maxMessageBytes` (then close 1009), invalid UTF-8
 * closed with 1007, binary with 1003, pings answered, a slow reader (more than
 * `maxBufferedBytes` unsent) closed with 1008.
 *
 * @example
 * ```ts
 * const ws = new WsConnection({ socket, maxMessageBytes: 1 << 20, onMessage: (text) => ws.send(text), onClose: () => {} })
 * ```
 */
export class WsConnection {
  private readonly socket: Duplex
  private readonly maxMessageBytes: number
  private readonly maxBufferedBytes: number
  private readonly onMessage: (text: string) => void
  private readonly onClose: (code: number) => void
  private buffer: Buffer = Buffer.alloc(0)
  private fragments: Buffer[] | undefined
  private fragmentBytes = 0
  private closed = false
  /** Time of the last frame received (for idle checks). */
  lastSeen = Date.now()

  constructor(params: { socket: Duplex; maxMessageBytes: number; maxBufferedBytes?: number; onMessage: (text: string) => void; onClose: (code: number) => void }) {
    this.socket = params.socket
    this.maxMessageBytes = params.maxMessageBytes
    this.maxBufferedBytes = params.maxBufferedBytes ?? 4 * 1024 * 1024
    this.onMessage = params.onMessage
    this.onClose = params.onClose
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk))
    this.socket.on('close', () => this.finish(WS_CLOSE.GOING_AWAY))
    this.socket.on('error', () => this.finish(WS_CLOSE.GOING_AWAY))
  }

  get isOpen(): boolean {
    return !this.closed
  }

  /** Sends a text message; closes the connection (1008) if the reader is too slow. */
  send(text: string): void {
    if (this.closed) return
    if ((this.socket as Duplex & { writableLength: number }).writableLength > this.maxBufferedBytes) {
      this.close(WS_CLOSE.POLICY, 'slow consumer')
      return
    }
    this.socket.write(frame(0x1, Buffer.from(text, 'utf8')))
  }

  ping(): void {
    if (!this.closed) this.socket.write(frame(0x9, Buffer.alloc(0)))
  }

  /** Sends a close frame and ends the connection. */
  close(code: number, reason = ''): void {
    if (this.closed) return
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason))
    payload.writeUInt16BE(code, 0)
    payload.write(reason, 2)
    this.socket.write(frame(0x8, payload))
    this.socket.end()
    setTimeout(() => this.socket.destroy(), 1000).unref()
    this.finish(code)
  }

  private finish(code: number): void {
    if (this.closed) return
    this.closed = true
    this.onClose(code)
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return
    this.lastSeen = Date.now()
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    while (!this.closed) {
      const b = this.buffer
      if (b.length < 2) return
      const fin = (b[0]! & 0x80) !== 0
      const opcode = b[0]! & 0x0f
      if ((b[0]! & 0x70) !== 0) return this.close(WS_CLOSE.PROTOCOL_ERROR, 'reserved bits set')
      if ((b[1]! & 0x80) === 0) return this.close(WS_CLOSE.PROTOCOL_ERROR, 'client frames must be masked')
      let length = b[1]! & 0x7f
      let offset = 2
      if (length === 126) {
        if (b.length < 4) return
        length = b.readUInt16BE(2)
        offset = 4
      } else if (length === 127) {
        if (b.length < 10) return
        if (b.readUInt32BE(2) !== 0) return this.close(WS_CLOSE.TOO_BIG, 'message too big')
        length = b.readUInt32BE(6)
        offset = 10
      }
      const control = opcode >= 0x8
      if (control && (!fin || length > 125)) return this.close(WS_CLOSE.PROTOCOL_ERROR, 'bad control frame')
      if (!control && this.fragmentBytes + length > this.maxMessageBytes) return this.close(WS_CLOSE.TOO_BIG, `message over ${this.maxMessageBytes} bytes`)
      if (b.length < offset + 4 + length) return
      const mask = b.subarray(offset, offset + 4)
      const payload = Buffer.from(b.subarray(offset + 4, offset + 4 + length))
      for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!
      this.buffer = b.subarray(offset + 4 + length)
      this.frame(fin, opcode, payload)
    }
  }

  private frame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case 0x8: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : WS_CLOSE.NORMAL
        return this.close(code >= 1000 && code < 5000 ? code : WS_CLOSE.PROTOCOL_ERROR)
      }
      case 0x9:
        this.socket.write(frame(0xa, payload))
        return
      case 0xa:
        return
      case 0x1:
      case 0x2:
        if (this.fragments) return this.close(WS_CLOSE.PROTOCOL_ERROR, 'new message inside a fragmented one')
        if (opcode === 0x2) return this.close(WS_CLOSE.UNSUPPORTED_DATA, 'text messages only (JSON-RPC)')
        this.fragments = [payload]
        this.fragmentBytes = payload.length
        break
      case 0x0:
        if (!this.fragments) return this.close(WS_CLOSE.PROTOCOL_ERROR, 'continuation without a message')
        this.fragments.push(payload)
        this.fragmentBytes += payload.length
        break
      default:
        return this.close(WS_CLOSE.PROTOCOL_ERROR, `unknown opcode ${opcode}`)
    }
    if (!fin) return
    const message = this.fragments.length === 1 ? this.fragments[0]! : Buffer.concat(this.fragments)
    this.fragments = undefined
    this.fragmentBytes = 0
    let text: string
    try {
      text = utf8.decode(message)
    } catch {
      return this.close(WS_CLOSE.INVALID_DATA, 'invalid UTF-8')
    }
    this.onMessage(text)
  }
}

function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length
  const head = n < 126 ? Buffer.alloc(2) : n < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10)
  head[0] = 0x80 | opcode
  if (n < 126) head[1] = n
  else if (n < 65_536) {
    head[1] = 126
    head.writeUInt16BE(n, 2)
  } else {
    head[1] = 127
    head.writeUInt32BE(0, 2)
    head.writeUInt32BE(n, 6)
  }
  return Buffer.concat([head, payload])
}
