import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toHex } from 'viem'

/**
 * A JSON-RPC proxy in front of anvil whose blob base fee the test sets; see {@link l1FeeMarket}.
 *
 * @example
 * ```ts
 * const market: L1FeeMarket = await l1FeeMarket({ target: anvil.rpcUrl, blobBaseFee: 1n })
 * market.setBlobBaseFee(10n * market.blobBaseFee())
 * ```
 */
export interface L1FeeMarket {
  /** `http://127.0.0.1:<port>`: give it to the sequencer as its L1 RPC URL. */
  readonly url: string
  /** The blob base fee the proxy reports now, in wei. */
  blobBaseFee(): bigint
  /** Sets the blob base fee reported from the next `eth_blobBaseFee` on. */
  setBlobBaseFee(wei: bigint): void
  /** How many `eth_blobBaseFee` calls the proxy answered itself (the rest went to anvil). */
  answered(): number
  /** How many calls (batch members counted one by one) it forwarded to anvil unchanged. */
  forwarded(): number
  stop(): Promise<void>
}

interface RpcCall {
  jsonrpc?: string
  id?: unknown
  method?: unknown
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

/**
 * TEST ONLY: a labelled stand-in for an L1 fee market that anvil cannot produce. anvil 1.7.1
 * never raises its blob base fee (blocks with the most blobs it packs leave the excess blob gas
 * at 0; there is no `anvil_*` method to set it), so this HTTP server sits in front of anvil for
 * the sequencer alone: every JSON-RPC request (single or batch) goes to `target` unchanged, except
 * `eth_blobBaseFee`, which it answers with the fee the test set. Everything else (blocks, base
 * fee, tip, estimates, blob transactions, receipts) is anvil's. Listens on a free port of
 * 127.0.0.1; `target` is read at each request, so it may name an anvil that starts later.
 *
 * @example
 * ```ts
 * const market = await l1FeeMarket({ target: anvil.rpcUrl, blobBaseFee: 10n ** 8n })
 * market.setBlobBaseFee(10n ** 9n) // the sequencer now reads a tenfold blob fee
 * await market.stop()
 * ```
 */
export async function l1FeeMarket(params: { target: string; blobBaseFee: bigint }): Promise<L1FeeMarket> {
  let fee = params.blobBaseFee
  let answered = 0
  let forwarded = 0
  const own = (c: RpcCall): boolean => typeof c === 'object' && c !== null && c.method === 'eth_blobBaseFee'
  const reply = (c: RpcCall) => {
    answered++
    return { jsonrpc: '2.0', id: c.id ?? null, result: toHex(fee) }
  }
  const forward = async (body: unknown): Promise<unknown> => {
    const res = await fetch(params.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return res.json()
  }
  const server = createServer((req, res) => {
    void (async () => {
      let status = 200
      let out: unknown
      try {
        const parsed = JSON.parse(await readBody(req)) as RpcCall | RpcCall[]
        if (Array.isArray(parsed)) {
          // A batch: answer our members here, send the others to anvil as one batch, keep the order.
          const others = parsed.filter((c) => !own(c))
          forwarded += others.length
          const theirs = others.length > 0 ? ((await forward(others)) as { id?: unknown }[]) : []
          const byId = new Map(theirs.map((a) => [JSON.stringify(a.id), a]))
          out = parsed.map((c) => (own(c) ? reply(c) : byId.get(JSON.stringify(c.id))))
        } else if (own(parsed)) {
          out = reply(parsed)
        } else {
          forwarded++
          out = await forward(parsed)
        }
      } catch (e) {
        status = 502
        out = { jsonrpc: '2.0', id: null, error: { code: -32603, message: `l1FeeMarket proxy: ${(e as Error).message}` } }
      }
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(out))
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    blobBaseFee: () => fee,
    setBlobBaseFee: (wei) => {
      fee = wei
    },
    answered: () => answered,
    forwarded: () => forwarded,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
