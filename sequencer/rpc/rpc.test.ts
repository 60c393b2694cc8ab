import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { TX_TYPE, bigintToAddress, type L2Tx } from '../../protocol/index.ts'
import { privateKeyToAddress } from 'viem/accounts'
import { verifyPreconfirmation } from '../preconf/index.ts'
import { loadExecutionApis } from '../testing/executionApis.ts'
import { TEST_ROLLUP, TEST_SEQUENCER_KEY, testSequencer, type TestSequencer } from '../testing/testSequencer.ts'
import { createRpcServer } from './createRpcServer.ts'
import { preconfirmationFromJson, type PreconfirmationJson } from './format/preconfirmationJson.ts'
import { signedTxToJson, type SignedTxJson } from './format/signedTxJson.ts'

const spec = loadExecutionApis()
let t: TestSequencer
let app: FastifyInstance

beforeAll(async () => {
  t = await testSequencer({ users: 4, config: { http: { bodyLimitBytes: 4096, maxBatchLength: 5 }, rateLimit: { callsPerSecond: 1000, burst: 1000 }, limits: { parkTimeoutMs: 100 } } })
  app = createRpcServer({ sequencer: t.sequencer })
})
afterAll(async () => {
  await app.close()
  await t.close()
})

interface Res {
  status: number
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: string
  headers: Record<string, unknown>
}
async function post(payload: string | object, headers: Record<string, string> = {}): Promise<Res> {
  const r = await app.inject({ method: 'POST', url: '/', payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': 'application/json', ...headers } })
  return { status: r.statusCode, raw: r.body, body: r.body ? JSON.parse(r.body) : undefined, headers: r.headers }
}
let nextId = 1
async function call(method: string, params?: unknown[]): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await post({ jsonrpc: '2.0', id: nextId++, method, params })
  expect(r.status).toBe(200)
  return r.body
}
async function result(method: string, params?: unknown[]): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const body = await call(method, params)
  expect(body.error, JSON.stringify(body.error)).toBeUndefined()
  if (spec.methods.has(method)) expect(spec.validateResult(method, body.result), method).toEqual([])
  return body.result
}
const tx = (user: number, t0: L2Tx): SignedTxJson => signedTxToJson({ signed: t.world.sign(user, t0), chainId: 31337n, rollup: TEST_ROLLUP })
const transfer = (user: number, nonce: bigint, extra: Partial<{ to: bigint; amount: bigint; fee: bigint; from: bigint }> = {}): SignedTxJson =>
  tx(user, { type: TX_TYPE.TRANSFER, from: extra.from ?? BigInt(user + 1), to: extra.to ?? 2n, amount: extra.amount ?? 1000n, fee: extra.fee ?? 0n, nonce })

describe('standard methods, in the execution-apis shapes', () => {
  it('chain, version, sync, block number', async () => {
    expect(await result('eth_chainId')).toBe('0x7a69')
    expect(await result('net_version')).toBe('31337')
    expect(await result('web3_clientVersion')).toMatch(/^counterweight-sequencer\/v\d+\.\d+\.\d+\//)
    expect(await result('eth_syncing')).toBe(false)
    expect(await result('eth_blockNumber')).toBe('0x0')
  })

  it('balances, counts, blocks, transactions and receipts', async () => {
    const owner = bigintToAddress(t.world.users[0]!.address)
    expect(await result('eth_getBalance', [owner, 'latest'])).toBe('0xde0b6b3a7640000')
    expect(await result('eth_getBalance', ['0x00000000000000000000000000000000000000ff'])).toBe('0x0')
    const pre: PreconfirmationJson = await result('rollup_sendTransaction', [transfer(0, 0n, { amount: 1000n })])
    expect(await result('eth_getBalance', [owner, 'pending'])).toBe('0xde0b6b3a763fc18')
    expect(await result('eth_getTransactionCount', [owner, 'latest'])).toBe('0x1')
    // Not in a sealed block yet: like a pending transaction.
    expect(await result('eth_getTransactionReceipt', [pre.txHash])).toBeNull()
    t.sequencer.sealer.seal()
    await t.sequencer.journal.settle()
    expect(await result('eth_blockNumber')).toBe('0x1')
    const block = await result('eth_getBlockByNumber', ['latest', true])
    expect(block.number).toBe('0x1')
    expect(block.miner).toBe(privateKeyToAddress(TEST_SEQUENCER_KEY).toLowerCase())
    expect(block.transactions).toHaveLength(1)
    expect(block.transactions[0].hash).toBe(pre.txHash)
    const byHash = await result('eth_getBlockByHash', [block.hash, false])
    expect(byHash.transactions).toEqual([pre.txHash])
    expect(byHash.parentHash).toBe((await result('eth_getBlockByNumber', ['0x0', false])).hash)
    const txInfo = await result('eth_getTransactionByHash', [pre.txHash])
    expect(txInfo).toMatchObject({ from: owner, to: bigintToAddress(t.world.users[1]!.address), value: '0x3e8', nonce: '0x0', sequence: pre.sequence, l2Type: 'transfer', fromIndex: '0x1', toIndex: '0x2', blockNumber: '0x1', transactionIndex: '0x0' })
    const receipt = await result('eth_getTransactionReceipt', [pre.txHash])
    expect(receipt).toMatchObject({ status: '0x1', blockHash: block.hash, transactionHash: pre.txHash })
    expect(await result('eth_getBlockByNumber', ['0x99', false])).toBeNull()
    expect(await result('eth_getBlockByHash', [`0x${'12'.repeat(32)}`, false])).toBeNull()
    expect(await result('eth_getTransactionByHash', [`0x${'12'.repeat(32)}`])).toBeNull()
    expect((await result('eth_getBlockByNumber', ['finalized', false])).number).toBe('0x0')
    // Only the latest state is kept.
    const old = await call('eth_getBalance', [owner, '0x0'])
    expect(old.error).toMatchObject({ code: 4444 })
    expect(old.error.message).toMatch(/state at block 0 is not kept/)
    expect((await call('eth_getBalance', [owner, '0x50'])).error).toMatchObject({ code: -39001, message: 'unknown block' })
    expect(await result('eth_getBalance', [owner, block.number])).toBe('0xde0b6b3a763fc18')
    expect(await result('eth_getBalance', [owner, { blockHash: block.hash }])).toBe('0xde0b6b3a763fc18')
  })
})

describe('rollup methods', () => {
  it('rollup_sendTransaction answers with a preconfirmation signed by the sequencer', async () => {
    const pre: PreconfirmationJson = await result('rollup_sendTransaction', [transfer(1, 0n)])
    expect(pre).toMatchObject({ chainId: '0x7a69', rollup: TEST_ROLLUP, sequencer: privateKeyToAddress(TEST_SEQUENCER_KEY) })
    expect(await verifyPreconfirmation({ signed: preconfirmationFromJson(pre), sequencer: pre.sequencer })).toBe(true)
    expect(await result('rollup_getPreconfirmation', [pre.txHash])).toEqual(pre)
    expect(await result('rollup_getPreconfirmation', [pre.sequence])).toEqual(pre)
    expect(await result('rollup_getPreconfirmation', ['0x999'])).toBeNull()
    // A resend answers the same.
    expect(await result('rollup_sendTransaction', [transfer(1, 0n)])).toEqual(pre)
  })

  it('accounts and status', async () => {
    const acct = await result('rollup_getAccount', ['0x3'])
    expect(acct).toMatchObject({ index: '0x3', owner: bigintToAddress(t.world.users[2]!.address), tokenId: '0x0', nonce: '0x0' })
    expect(acct.publicKey.x).toBe(`0x${t.world.users[2]!.publicKey.x.toString(16)}`)
    expect(await result('rollup_getAccount', ['0x77'])).toBeNull()
    const list = await result('rollup_getAccountsByOwner', [bigintToAddress(t.world.users[2]!.address)])
    expect(list.map((a: { index: string }) => a.index)).toEqual(['0x3'])
    expect(await result('rollup_getAccountsByOwner', [bigintToAddress(t.world.users[2]!.address), '0x1'])).toEqual([])
    const st = await result('rollup_status')
    expect(st).toMatchObject({ chainId: '0x7a69', rollup: TEST_ROLLUP, committedBatch: null, provenBatch: null, finalizedBatch: null })
    expect(BigInt(st.preconfirmedSequence)).toBeGreaterThanOrEqual(1n)
    expect(st.preconfirmedSequence).toBe(st.acceptedSequence)
  })
})

describe('errors: stable codes, precise messages, never a stack trace', () => {
  it('parse error, invalid request, unknown method', async () => {
    const parse = await post('{"jsonrpc":"2.0","id":1,"method":')
    expect(parse.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } })
    expect(parse.body.error.message).toMatch(/^parse error: /)
    const cases: [object, RegExp][] = [
      [{ id: 1, method: 'eth_chainId' }, /"jsonrpc" must be "2.0", got nothing/],
      [{ jsonrpc: '1.0', id: 1, method: 'eth_chainId' }, /"jsonrpc" must be "2.0", got "1.0"/],
      [{ jsonrpc: '2.0', id: 1, method: 7 }, /"method" must be a string, got 7/],
      [{ jsonrpc: '2.0', id: { a: 1 }, method: 'eth_chainId' }, /"id" must be a string, a number or null/],
      [{ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: 'x' }, /"params" must be an array or an object/],
      [{ jsonrpc: '2.0', id: 1, method: 'eth_chainId', extra: true }, /unknown member "extra"/],
    ]
    for (const [payload, message] of cases) {
      const r = await post(payload)
      expect(r.body.error.code).toBe(-32600)
      expect(r.body.error.message).toMatch(message)
    }
    expect((await post('"hello"')).body.error.message).toMatch(/a call must be an object, got "hello"/)
    const unknown = await call('eth_sendRawTransaction', ['0x00'])
    expect(unknown).toMatchObject({ error: { code: -32601, message: 'method not found: "eth_sendRawTransaction"' } })
    expect((await call('toString')).error.code).toBe(-32601)
    expect((await call('__proto__')).error.code).toBe(-32601)
  })

  it('invalid params name the field', async () => {
    const cases: [string, unknown[] | undefined, RegExp][] = [
      ['eth_getBalance', [], /missing params\[0\] \(address\)/],
      ['eth_getBalance', ['0x12'], /params\[0\] \(address\): must be a 20-byte hex address .*got "0x12"/],
      ['eth_getBalance', [bigintToAddress(1n), 'newest'], /params\[1\] \(block\): must be a block number .*got "newest"/],
      ['eth_chainId', [1], /expected at most 0 params/],
      ['rollup_getAccount', ['0x01'], /params\[0\] \(index\): must be a hex quantity .*no leading zeros.*got "0x01"/],
      ['rollup_getAccount', ['0x100000000'], /params\[0\] \(index\): must be a hex quantity .* of at most 32 bits, got "0x100000000"/],
      ['eth_getBlockByNumber', ['latest', 'yes'], /params\[1\] \(hydrated\): must be true or false, got "yes"/],
      ['rollup_sendTransaction', [{ ...transfer(2, 0n), amount: '1000' }], /params\[0\] \(transaction\)\.amount: must be a hex quantity/],
      ['rollup_sendTransaction', [{ ...transfer(2, 0n), noce: '0x0' }], /params\[0\] \(transaction\)\.noce: unknown field for a transfer transaction/],
      ['rollup_sendTransaction', [{ ...transfer(2, 0n), type: 'mint' }], /params\[0\] \(transaction\)\.type: must be one of "transfer", "transferToL1", "withdraw", got "mint"/],
      ['rollup_sendTransaction', [(({ fee: _f, ...rest }) => rest)(transfer(2, 0n))], /params\[0\] \(transaction\)\.fee: missing/],
      ['rollup_sendTransaction', [{ ...transfer(2, 0n), signature: { R8x: '0x1', R8y: '0x2' } }], /signature\.S: must be a hex quantity/],
      ['rollup_sendTransaction', [{ ...transfer(2, 0n), from: `0x${'f'.repeat(9)}` }], /\.from: must be a hex quantity .* of at most 32 bits, got "0xfffffffff"/],
    ]
    for (const [method, params, message] of cases) {
      const body = await call(method, params)
      expect(body.error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602)
      expect(body.error.message).toMatch(message)
      expect(body.error.message).toMatch(/^invalid params: /)
    }
  })

  it('domain errors: stable codes and data.reason', async () => {
    const user = 2
    const cases: [SignedTxJson, number, string, RegExp][] = [
      [transfer(user, 40n), -38002, 'NONCE_TOO_HIGH', /nonce too high: account nonce is 0, transaction has 40 \(at most 16 ahead/],
      [transfer(user, 3n), -38002, 'NONCE_TOO_HIGH', /nonce too high: account nonce is 0, transaction has 3, and no transaction with nonce 0 arrived within 100 ms/],
      [transfer(user, 0n, { amount: 2n * 10n ** 18n }), -38003, 'INSUFFICIENT_BALANCE', /insufficient balance: account 3 holds 1000000000000000000, needs 2000000000000000000/],
      [{ ...transfer(user, 0n), signature: transfer(0, 0n).signature }, -38004, 'BAD_SIGNATURE', /invalid signature/],
      [{ ...transfer(user, 0n), chainId: '0x1' }, -38006, 'WRONG_CHAIN', /signed for another chain: the transaction names chain 1, this sequencer serves chain 31337/],
      [{ ...transfer(user, 0n), rollup: bigintToAddress(0xdeadn) }, -38007, 'WRONG_ROLLUP', /signed for another rollup contract/],
      [transfer(user, 0n, { from: 99n }), -38008, 'UNKNOWN_ACCOUNT', /account 99 does not exist/],
      [transfer(user, 0n, { to: 99n }), -38010, 'UNKNOWN_RECIPIENT', /the receiving account 99 does not exist/],
    ]
    for (const [json, code, reason, message] of cases) {
      const body = await call('rollup_sendTransaction', [json])
      expect(body.error, reason).toMatchObject({ code, data: { reason } })
      expect(body.error.message).toMatch(message)
    }
    await result('rollup_sendTransaction', [transfer(user, 0n)])
    const low = await call('rollup_sendTransaction', [transfer(user, 0n, { amount: 7n })])
    expect(low.error).toMatchObject({ code: -38001, message: 'nonce too low: account nonce is 1, transaction has 0', data: { reason: 'NONCE_TOO_LOW', accountNonce: '0x1' } })
  })

  it('batches: mixed answers in order, notifications, empty, too long', async () => {
    const r = await post([
      { jsonrpc: '2.0', id: 'a', method: 'eth_chainId' },
      { jsonrpc: '2.0', method: 'eth_chainId' }, // notification: no answer
      { jsonrpc: '2.0', id: 2, method: 'nope' },
      { jsonrpc: '2.0', id: 3, method: 'rollup_getAccount', params: ['x'] },
      5,
    ])
    expect(r.status).toBe(200)
    expect(r.body.map((x: { id: unknown }) => x.id)).toEqual(['a', 2, 3, null])
    expect(r.body.map((x: { error?: { code: number } }) => x.error?.code ?? 'ok')).toEqual(['ok', -32601, -32602, -32600])
    expect((await post([{ jsonrpc: '2.0', method: 'eth_chainId' }])).status).toBe(204)
    expect((await post([])).body).toMatchObject({ id: null, error: { code: -32600, message: 'invalid request: empty batch' } })
    const long = await post(Array.from({ length: 6 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId' })))
    expect(long.body).toMatchObject({ id: null, error: { code: -32005, message: 'batch of 6 calls exceeds the limit of 5' } })
  })

  it('a body over the limit is refused with 413 before parsing', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: ['x'.repeat(5000)] })
    const r = await post(big)
    expect(r.status).toBe(413)
    expect(r.body.error).toMatchObject({ code: -32600, message: 'request body is larger than the limit of 4096 bytes' })
    // Not even valid JSON: still 413, not a parse error (the body is never parsed).
    expect((await post(`{${'x'.repeat(5000)}`)).status).toBe(413)
  })

  it('refuses prototype-poisoning bodies', async () => {
    const bodies = [
      '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","__proto__":{"polluted":true}}',
      '{"jsonrpc":"2.0","id":1,"method":"rollup_getAccount","params":[{"__proto__":{"x":1}}]}',
      '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[{"constructor":{"prototype":{"x":1}}}]}',
      '[{"jsonrpc":"2.0","id":1,"method":"eth_chainId","\\u005f_proto__":{"x":1}}]',
    ]
    for (const b of bodies) {
      const r = await post(b)
      expect(r.body.error, b).toMatchObject({ code: -32600 })
      expect(r.body.error.message).toMatch(/forbidden key/)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never answers with a stack trace', async () => {
    const bodies = ['{', '[1,2', '{"jsonrpc":"2.0","id":1,"method":"rollup_sendTransaction","params":[null]}', 'null', '{"jsonrpc":"2.0","id":1,"method":"rollup_getPreconfirmation","params":[123]}']
    for (const b of bodies) {
      const r = await post(b)
      expect(r.raw).not.toMatch(/\n\s+at |\.ts:\d+/)
      expect(r.body.error).toBeDefined()
    }
    const other = await app.inject({ method: 'GET', url: '/nothing' })
    expect(other.statusCode).toBe(404)
    expect(other.body).not.toMatch(/\n\s+at /)
  })
})

describe('operations', () => {
  it('metrics in the Prometheus text format, and health', async () => {
    const m = await app.inject({ method: 'GET', url: '/metrics' })
    expect(m.statusCode).toBe(200)
    expect(m.headers['content-type']).toMatch(/^text\/plain/)
    expect(m.body).toMatch(/^# HELP cw_rpc_calls_total /m)
    expect(m.body).toMatch(/^cw_rpc_calls_total\{method="eth_chainId",outcome="ok"\} \d+$/m)
    expect(m.body).toMatch(/^cw_tx_accepted_total \d+$/m)
    expect(m.body).toMatch(/^cw_tx_refused_total\{reason="NONCE_TOO_HIGH"\} \d+$/m)
    expect(m.body).toMatch(/^cw_preconfirmation_seconds_bucket\{le="0.01"\} \d+$/m)
    expect(m.body).toMatch(/^cw_sequence_durable \d+$/m)
    const h = await app.inject({ method: 'GET', url: '/health' })
    expect(JSON.parse(h.body)).toMatchObject({ status: 'ok' })
  })
})
