/**
 * Scenario 8, bad input: a storm of more than 1,000 malformed or hostile JSON-RPC requests
 * against the running sequencer (bad JSON, requests that are not JSON-RPC, unknown methods,
 * wrong parameter types, oversized bodies, bad signatures, replays of transactions signed for
 * another chain id or another rollup address with the protocol's `signTx`, nonce gaps,
 * stale nonces, and a flood past the per-client rate limit) is refused request by request
 * with the error code of its class (counted and asserted per class), while a valid transfer
 * sent in the middle of the storm, from another client, is still preconfirmed with a
 * signature that verifies, and resending it answers the same preconfirmation; then it lands at
 * its sequence number in a batch that the prover proves with a real Groth16 proof, checked by
 * the generated verifier, and L1 finalizes. Runs on its own devnet (TEST circuit, real proofs,
 * a node); the sequencer trusts X-Forwarded-For so that each class is its own client for the
 * rate limit.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWalletClient, getAddress, http, parseEther, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createCounterweightClient, l1Chain, type L2Account } from '../../bridge/index.ts'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import type { Devnet } from '../../bridge/devnet/startDevnet.ts'
import { domainHash, signTx, TX_TYPE, type L2Key, type L2Tx } from '../../protocol/index.ts'
import { signedTxToJson, verifyPreconfirmation } from '../../sequencer/index.ts'
import { startE2eDevnet } from './support/startE2eDevnet.ts'
import { rpcCall, type RpcAnswer } from './support/rpcCall.ts'

const log = (line: string) => console.log(`[e2e bad input] ${line}`)
const RATE = { perSecond: 200, burst: 400 }
/** Flood requests (batches of 100 calls): 100 batches = 10,000 calls, 25 times the burst. */
const FLOOD_REQUESTS = 100
let devnet: Devnet
/** The valid transfer the storm test got preconfirmed. */
let validSent: { sequence: bigint; txHash: Hex } | undefined

/** One class of hostile requests: how to make request i, and the code each must get. */
interface StormClass {
  name: string
  count: number
  code: number
  /** HTTP status each answer must have (200 unless said). */
  status?: number
  /** Signed transactions of Bob's account: sent one at a time (two in flight for one account and nonce are refused as ALREADY_PENDING, a different class). */
  serial?: boolean
  request: (i: number) => { body: string } | { method: string; params: unknown[] }
}

async function inPool<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count)
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) {
      const i = next++
      out[i] = await fn(i)
    }
  }))
  return out
}

function firstError(a: RpcAnswer): number | undefined {
  return a.batch ? a.batch[0]?.error?.code : a.error?.code
}

describe('scenario 8: hostile RPC input is refused with the right code; a valid transfer still goes through', () => {
  let url: string
  let chainId: bigint
  let rollup: Address
  let alice: { key: L2Key; account: L2Account; client: ReturnType<typeof createCounterweightClient> }
  let bob: { key: L2Key; account: L2Account }

  beforeAll(async () => {
    devnet = await startE2eDevnet({
      name: 'bad-input',
      realProofs: true,
      startProver: true,
      startNode: true,
      extraEnv: { sequencer: { CW_HTTP_TRUST_PROXY: 'true', CW_RATE_LIMIT_PER_SECOND: String(RATE.perSecond), CW_RATE_LIMIT_BURST: String(RATE.burst) } },
    })
    url = devnet.info.sequencer!.rpcUrl
    chainId = BigInt(devnet.info.l1.chainId)
    rollup = devnet.info.rollup.address
    const chain = l1Chain({ chainId: devnet.info.l1.chainId, rpcUrl: devnet.info.l1.rpcUrl, name: 'e2e L1' })
    const user = async (i: number, ip: string) => {
      const wallet = createWalletClient({ account: privateKeyToAccount(`0x${Buffer.from(devnet.anvil.accounts[i]!.getHdKey().privateKey!).toString('hex')}` as Hex), chain, transport: http(devnet.info.l1.rpcUrl) })
      const client = createCounterweightClient({ sequencerUrl: url, rollup, chainId, l1: wallet, http: { fetchOptions: { headers: { 'x-forwarded-for': ip } } } })
      const key = await client.deriveL2Key()
      await client.depositEth({ amount: parseEther('1'), key })
      return { key, client, account: await client.waitForAccount({ owner: wallet.account.address, publicKey: key.publicKey }) }
    }
    alice = await user(1, '10.0.0.1')
    bob = await user(2, '10.0.0.2')
    log(`alice is L2 account ${alice.account.index}, bob ${bob.account.index}`)
  }, 300_000)
  afterAll(async () => {
    await devnet?.stop()
  }, 60_000)

  it('refuses every hostile request with its class code and preconfirms the valid transfer sent during the storm', async () => {
    const transfer = (p: { from: bigint; nonce: bigint; amount?: bigint }): L2Tx => ({ type: TX_TYPE.TRANSFER, from: p.from, to: alice.account.index, amount: p.amount ?? parseEther('0.001'), fee: 0n, nonce: p.nonce })
    const signed = (p: { tx: L2Tx; key: Uint8Array; chainId: bigint; rollup: Address; asChainId?: bigint; asRollup?: Address }) =>
      signedTxToJson({ signed: signTx({ tx: p.tx, privateKey: p.key, domain: domainHash({ chainId: p.chainId, rollupAddress: BigInt(p.rollup) }) }), chainId: p.asChainId ?? p.chainId, rollup: p.asRollup ?? p.rollup })
    const send = (json: unknown) => ({ method: 'rollup_sendTransaction', params: [json] })
    const good = signed({ tx: transfer({ from: bob.account.index, nonce: 0n }), key: bob.key.privateKey, chainId, rollup }) as unknown as Record<string, unknown>
    const otherRollup = (i: number): Address => `0x${(0xdead0000 + i).toString(16).padStart(40, '0')}`
    const badJson = ['{', 'not json', '{"jsonrpc":"2.0","id":1,', '[{]', "{'a':1}", '{"a":01}', '{"jsonrpc":"2.0","method":"eth_chainId",}', 'NaN', '\u0000\u0001', '{"id":1 "method":"x"}']
    const notRpc = [
      { jsonrpc: '1.0', id: 1, method: 'eth_chainId' },
      { jsonrpc: '2.0', id: 1, method: 5 },
      { jsonrpc: '2.0', id: 1 },
      { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [], extra: true },
    ]
    const wrongParams: (() => { method: string; params: unknown[] })[] = [
      () => ({ method: 'rollup_getAccount', params: ['abc'] }),
      () => ({ method: 'rollup_getAccount', params: [123] }),
      () => ({ method: 'rollup_getAccount', params: ['0x0001'] }),
      () => ({ method: 'rollup_getAccount', params: [] }),
      () => ({ method: 'rollup_getBatch', params: [{}] }),
      () => send({ ...good, amount: '1000' }),
      () => send({ ...good, amount: 1000 }),
      () => send({ ...good, signature: undefined }),
      () => send({ ...good, extra: '0x1' }),
      () => send({ ...good, from: `0x${'f'.repeat(20)}` }),
      () => send({ ...good, type: 'steal' }),
      () => send({ ...good, nonce: -1 }),
      () => send({ ...good, signature: { R8x: 'zz', R8y: '0x1', S: '0x1' } }),
      () => send('0xdeadbeef'),
      () => send(null),
    ]
    const classes: StormClass[] = [
      { name: 'bad JSON', count: 150, code: -32700, request: (i) => ({ body: badJson[i % badJson.length]! + ' '.repeat(i % 3) }) },
      { name: 'not JSON-RPC', count: 100, code: -32600, request: (i) => (i % 5 === 4 ? { body: i % 2 ? '[]' : '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","__proto__":{"x":1}}' } : { body: JSON.stringify({ ...notRpc[i % notRpc.length]!, id: i }) }) },
      { name: 'unknown method', count: 60, code: -32601, request: (i) => ({ method: ['eth_sendRawTransaction', 'debug_traceTransaction', `rollup_steal${i}`, 'admin_peers'][i % 4]!, params: [] }) },
      { name: 'wrong types', count: 210, code: -32602, request: (i) => wrongParams[i % wrongParams.length]!() },
      { name: 'oversized body', count: 20, code: -32600, status: 413, request: (i) => ({ body: JSON.stringify({ jsonrpc: '2.0', id: i, method: 'eth_chainId', params: ['x'.repeat(300 * 1024)] }) }) },
      { name: 'bad signature', count: 150, code: -38004, request: (i) => (i % 2 ? send(signed({ tx: transfer({ from: bob.account.index, nonce: 0n }), key: randomBytes(32), chainId, rollup })) : send({ ...good, amount: `0x${((2_000_000n + BigInt(i)) * 10n ** 9n).toString(16)}` })), serial: true },
      { name: 'replay from another chain id', count: 100, code: -38006, request: (i) => send(signed({ tx: transfer({ from: bob.account.index, nonce: 0n }), key: bob.key.privateKey, chainId: BigInt(1 + (i % 7) * 10), rollup })), serial: true },
      { name: 'another chain id signature presented as this chain', count: 50, code: -38004, request: (i) => send(signed({ tx: transfer({ from: bob.account.index, nonce: 0n }), key: bob.key.privateKey, chainId: BigInt(2 + i), rollup, asChainId: chainId })), serial: true },
      { name: 'replay for another rollup address', count: 100, code: -38007, request: (i) => send(signed({ tx: transfer({ from: bob.account.index, nonce: 0n }), key: bob.key.privateKey, chainId, rollup: otherRollup(i) })), serial: true },
      { name: 'another rollup signature presented as this rollup', count: 50, code: -38004, request: (i) => send(signed({ tx: transfer({ from: bob.account.index, nonce: 0n }), key: bob.key.privateKey, chainId, rollup: otherRollup(i), asRollup: rollup })), serial: true },
      { name: 'nonce gap', count: 100, code: -38002, request: (i) => send(signed({ tx: transfer({ from: bob.account.index, nonce: 17n + BigInt(i) }), key: bob.key.privateKey, chainId, rollup })), serial: true },
    ]
    // Sign every transaction before the storm, so that the storm itself is only requests.
    const prepared = classes.map((c) => ({ c, requests: Array.from({ length: c.count }, (_, i) => c.request(i)) }))

    const total = prepared.reduce((n, p) => n + p.requests.length, 0)
    let answered = 0
    const fire = async ({ c, requests }: (typeof prepared)[number], k: number) => {
      const answers = await inPool(requests.length, c.serial ? 1 : 8, async (i) => {
        const r = requests[i]!
        const a = await rpcCall({ url, headers: { 'x-forwarded-for': `10.1.0.${k + 1}` }, ...('body' in r ? { body: r.body } : { method: r.method, params: r.params }) })
        answered++
        return a
      })
      return { c, answers }
    }
    const serialLane = async () => {
      const out: Awaited<ReturnType<typeof fire>>[] = []
      for (const [k, p] of prepared.entries()) if (p.c.serial) out.push(await fire(p, k))
      return out
    }
    const storm = Promise.all([serialLane(), ...prepared.map((p, k) => (p.c.serial ? undefined : fire(p, k))).filter((x) => x !== undefined)]).then((all) =>
      all.flat().sort((x, y) => classes.indexOf(x.c) - classes.indexOf(y.c)),
    )
    // The flood: one client sends batches of 100 calls (each call counts) far past its burst;
    // each refused request is HTTP 429 with -32005.
    const floodBody = JSON.stringify(Array.from({ length: 100 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'eth_chainId', params: [] })))
    const flood = inPool(FLOOD_REQUESTS, 8, () => rpcCall({ url, body: floodBody, headers: { 'x-forwarded-for': '10.6.6.6' } }))
    // The valid transfer, from its own client, in the middle of the storm.
    await new Promise((r) => setTimeout(r, 300))
    const sentAfter = answered
    const valid = await alice.client.transfer({ key: alice.key, from: alice.account.index, to: bob.account.index, amount: parseEther('0.25') })
    const answeredAfter = answered
    log(`the valid transfer was sent after ${sentAfter} and answered after ${answeredAfter} of the ${total} storm requests were answered`)
    // Sent in the storm: most of its requests were still unanswered.
    expect(sentAfter).toBeLessThan(total / 2)
    const results = await storm
    const floodAnswers = await flood

    let refused = 0
    for (const { c, answers } of results) {
      const codes = answers.map(firstError)
      const wrong = answers.filter((a, i) => codes[i] !== c.code || a.status !== (c.status ?? 200))
      log(`${c.name}: ${answers.length} sent, ${answers.length - wrong.length} refused with ${c.code}${c.status ? ` (HTTP ${c.status})` : ''}`)
      expect(wrong.map((a) => ({ status: a.status, error: a.error }))).toEqual([])
      refused += answers.length - wrong.length
    }
    const limited = floodAnswers.filter((a) => a.status === 429 && firstError(a) === -32005).length
    const served = floodAnswers.filter((a) => a.status === 200 && a.batch?.length === 100 && a.batch.every((x) => x.result !== undefined)).length
    log(`flood: ${floodAnswers.length} batches of 100 calls from one client, ${served} served within the rate limit (burst ${RATE.burst}, ${RATE.perSecond}/s), ${limited} refused with -32005 (HTTP 429)`)
    expect(limited + served).toBe(floodAnswers.length)
    expect(limited).toBeGreaterThan(0)
    expect(served).toBeGreaterThanOrEqual(RATE.burst / 100)
    refused += limited
    log(`${refused} hostile requests refused with the right code`)
    expect(refused).toBeGreaterThanOrEqual(1000)

    // The valid transfer: preconfirmed, signed by the sequencer, and applied.
    expect(await verifyPreconfirmation({ signed: valid.preconfirmation, sequencer: devnet.info.sequencer!.address })).toBe(true)
    log(`valid transfer sent during the storm: preconfirmed as sequence ${valid.sequence}, signature verified`)
    const again = await rpcCall({ url, method: 'rollup_sendTransaction', params: [signedTxToJson({ signed: valid.signed, chainId, rollup })], headers: { 'x-forwarded-for': '10.0.0.1' } })
    expect(BigInt((again.result as { sequence: string }).sequence)).toBe(valid.sequence)
    // A different transaction at the spent nonce: too low.
    const stale = await rpcCall({ url, ...send(signed({ tx: transfer({ from: alice.account.index, nonce: 0n, amount: parseEther('0.5') }), key: alice.key.privateKey, chainId, rollup })), headers: { 'x-forwarded-for': '10.0.0.1' } })
    expect(stale.error?.code).toBe(-38001)
    const a = (await alice.client.getAccount({ index: alice.account.index }))!
    const b = (await alice.client.getAccount({ index: bob.account.index }))!
    log(`after the storm: alice ${a.balance} wei nonce ${a.nonce}, bob ${b.balance} wei nonce ${b.nonce}`)
    expect(a.balance).toBe(alice.account.balance - parseEther('0.25'))
    expect(a.nonce).toBe(1n)
    expect(b.balance).toBe(bob.account.balance + parseEther('0.25'))
    expect(b.nonce).toBe(0n)
    validSent = { sequence: valid.sequence, txHash: valid.txHash }
  }, 240_000)

  it('the valid transfer lands at its sequence number in a batch proven with a real proof and finalized on L1', async () => {
    expect(validSent, 'the storm test preconfirmed the valid transfer').toBeDefined()
    const { sequence, txHash } = validSent!
    const nodeUrl = devnet.info.node!.rpcUrl
    const publicClient = devnet.anvil.publicClient
    const deadline = Date.now() + 400_000
    let opening: { batch: string; txHash: string } | null = null
    let finalized = 0n
    for (;;) {
      const r = await rpcCall({ url: nodeUrl, method: 'rollup_getTxListOpening', params: [`0x${sequence.toString(16)}`] })
      opening = (r.result as { opening: { batch: string; txHash: string } | null } | undefined)?.opening ?? null
      const heads = await publicClient.readContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'heads' })
      finalized = heads[4]
      if (opening && finalized >= BigInt(opening.batch)) break
      if (Date.now() > deadline) throw new Error(`sequence ${sequence} not in a finalized batch in time (opening ${JSON.stringify(opening)}, finalized batches ${finalized})`)
      await new Promise((r) => setTimeout(r, 2000))
    }
    log(`the valid transfer (sequence ${sequence}) is in batch ${BigInt(opening.batch)}, finalized on L1 with a real proof (finalized batches: ${finalized})`)
    expect(BigInt(opening.txHash)).toBe(BigInt(txHash))
    expect(devnet.info.prover?.verifier, 'the prover proves for the generated Groth16 verifier').toBe('generated')
    expect(await publicClient.readContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'verifier' })).toBe(getAddress(devnet.info.rollup.verifier))
  }, 420_000)
})
