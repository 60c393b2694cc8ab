/**
 * The node's JSON-RPC server over an in-memory L1 (synthetic history): every method answers
 * what the node's reads say, `eth_*` answers in the execution-apis shapes (validated against
 * the specification), errors with stable codes, and viem's public client works against it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { createPublicClient, http } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEVNET_PARAMS, ETH_TOKEN_ID, bigintToAddress, computeRoot, exitLeafHash, poseidon, poseidon2 } from '../../../protocol/index.ts'
import { prng } from '../../../protocol/transition/testWorld.ts'
import { loadExecutionApis } from '../../testing/executionApis.ts'
import { createNode } from '../createNode.ts'
import { getAccountsByOwner } from '../read/getAccountsByOwner.ts'
import { getEscapeProof } from '../read/getEscapeProof.ts'
import { getExitProof } from '../read/getExitProof.ts'
import { getStateRoot } from '../read/getStateRoot.ts'
import type { RollupNode } from '../rollupNode.ts'
import { memoryBlobSource } from '../testing/memoryBlobSource.ts'
import { memoryL1Reader, type MemoryL1 } from '../testing/memoryL1Reader.ts'
import { syntheticHistory, type SyntheticHistory } from '../testing/syntheticHistory.ts'
import { createNodeRpcServer } from './createNodeRpcServer.ts'
import { escapeProofJson, withdrawalProofJson } from './format/proofJson.ts'
import { NODE_RPC_METHODS } from './methods/index.ts'

const spec = loadExecutionApis()
const P = { ...DEVNET_PARAMS, depth: 12 }

describe('node JSON-RPC', () => {
  let dir: string
  let h: SyntheticHistory
  let l1: MemoryL1
  let node: RollupNode
  let app: FastifyInstance

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cw-node-rpc-'))
    h = syntheticHistory({ params: P, accounts: 60, transferBatches: 3, chunksPerBatch: 6, r: prng(7), finalize: true })
    l1 = memoryL1Reader({ rollup: h.rollup, chainId: h.chainId, config: h.config, events: h.events })
    node = await createNode({ l1, rollup: l1.rollup, fromBlock: 1n, storePath: join(dir, 'rpc.sqlite'), blobs: memoryBlobSource({ blobs: h.blobs }), kzg: false, options: { confirmations: 0n, rangeSize: 4n } })
    app = createNodeRpcServer({ node, rateLimit: { callsPerSecond: 0, burst: 1 } })
  })
  afterAll(async () => {
    await app?.close()
    await node?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  let nextId = 1
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = async (method: string, params?: unknown[]): Promise<any> => {
    const r = await app.inject({ method: 'POST', url: '/', payload: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }), headers: { 'content-type': 'application/json' } })
    expect(r.statusCode).toBe(200)
    return JSON.parse(r.body)
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const result = async (method: string, params?: unknown[]): Promise<any> => {
    const body = await call(method, params)
    expect(body.error, `${method}: ${JSON.stringify(body.error)}`).toBeUndefined()
    if (spec.methods.has(method)) expect(spec.validateResult(method, body.result), method).toEqual([])
    return body.result
  }
  const hex = (v: bigint | number) => `0x${v.toString(16)}`
  const last = () => h.batches.at(-1)!

  it('before the first sync: syncing, block 0 = genesis', async () => {
    const syncing = await result('eth_syncing')
    expect(syncing).toEqual({ startingBlock: '0x0', currentBlock: '0x0', highestBlock: '0x0' })
    expect(await result('eth_blockNumber')).toBe('0x0')
    const genesis = await result('eth_getBlockByNumber', ['latest', false])
    expect(genesis).toMatchObject({ number: '0x0', stateRoot: `0x${h.config.genesisStateRoot.toString(16).padStart(64, '0')}`, transactions: [] })
    expect((await call('rollup_getAccount', ['0x1'])).result).toBeNull()
  })

  it('catching up: eth_syncing has the progress shape, then false', async () => {
    // L1 up to the last batch's commitment: its finalization is not read yet.
    l1.head = last().block
    await node.sync()
    expect(await result('eth_syncing')).toBe(false)
    const st = await result('rollup_status')
    expect(st).toMatchObject({ role: 'node', syncing: false, appliedBatch: hex(last().number), committedBatch: hex(last().number), finalizedBatch: hex(last().number - 1n), blockedAt: null, escapeMode: false })
    expect(st.stateRoot).toBe(`0x${last().root.toString(16).padStart(64, '0')}`)
    // The L1 head moves on: until the node reads it, it is syncing again.
    node.l1Head = last().block + 5n
    expect(await result('eth_syncing')).toMatchObject({ currentBlock: hex(last().number) })
    node.l1Head = last().block
  })

  it('chain, version and blocks: one block per applied batch', async () => {
    expect(await result('eth_chainId')).toBe(hex(h.chainId))
    expect(await result('net_version')).toBe(String(h.chainId))
    expect(await result('web3_clientVersion')).toMatch(/^counterweight-node\/v\d+\.\d+\.\d+\//)
    expect(await result('eth_blockNumber')).toBe(hex(last().number))
    const latest = await result('eth_getBlockByNumber', ['latest', true])
    expect(latest.number).toBe(hex(last().number))
    expect(BigInt(latest.stateRoot)).toBe(last().root)
    expect(BigInt(latest.timestamp)).toBe(1000n + last().block)
    const parent = await result('eth_getBlockByHash', [latest.parentHash, false])
    expect(parent.number).toBe(hex(last().number - 1n))
    expect(BigInt(parent.stateRoot)).toBe(h.batches.at(-2)!.root)
    expect(await result('eth_getBlockByHash', [latest.hash])).toEqual(latest)
    expect((await result('eth_getBlockByNumber', ['finalized'])).number).toBe(hex(last().number - 1n))
    expect((await result('eth_getBlockByNumber', ['earliest'])).parentHash).toBe(`0x${'00'.repeat(32)}`)
    expect(await result('eth_getBlockByNumber', [hex(last().number + 1n)])).toBeNull()
    expect(await result('eth_getBlockByHash', [`0x${'12'.repeat(32)}`])).toBeNull()
    // Blocks chain: every parentHash is the previous block's hash.
    for (let n = 1n; n <= last().number; n++) {
      const b = await result('eth_getBlockByNumber', [hex(n)])
      expect(b.parentHash).toBe((await result('eth_getBlockByNumber', [hex(n - 1n)])).hash)
    }
  })

  it('accounts and balances, head and finalized state', async () => {
    const [index, account] = [...h.state.head.allAccounts()].find(([, a]) => a.tokenId === ETH_TOKEN_ID && a.balance > 0n)!
    const owner = bigintToAddress(account.owner)
    const acct = await result('rollup_getAccount', [hex(index)])
    expect(acct).toEqual({ index: hex(index), owner, tokenId: '0x0', balance: hex(account.balance), nonce: hex(account.nonce), publicKey: acct.publicKey })
    expect(await result('rollup_getAccount', [hex(h.state.head.nextIndex)])).toBeNull()
    const mine = h.state.head.accountsOf(account.owner, ETH_TOKEN_ID)
    const total = mine.reduce((s, i) => s + h.state.head.get(i)!.balance, 0n)
    expect(await result('eth_getBalance', [owner, 'latest'])).toBe(hex(total))
    expect(await result('eth_getBalance', [owner, hex(last().number)])).toBe(hex(total))
    const fin = getAccountsByOwner(node, { owner, tokenId: ETH_TOKEN_ID, at: 'finalized' }).reduce((s, a) => s + a.balance, 0n)
    expect(await result('eth_getBalance', [owner, 'finalized'])).toBe(hex(fin))
    expect(await result('eth_getBalance', [owner, hex(last().number - 1n)])).toBe(hex(fin))
    expect(await result('eth_getTransactionCount', [owner])).toBe(hex(mine.reduce((s, i) => s + h.state.head.get(i)!.nonce, 0n)))
    const list = await result('rollup_getAccountsByOwner', [owner])
    expect(list.map((a: { index: string }) => a.index)).toEqual(h.state.head.indicesOf(account.owner).map(hex))
    expect(await result('rollup_getAccountsByOwner', [owner, '0x0', 'finalized'])).toEqual(getAccountsByOwner(node, { owner, tokenId: 0n, at: 'finalized' }).map((a) => expect.objectContaining({ index: hex(a.index), balance: hex(a.balance) })))
    // History is not kept: an older block is 4444, an unknown one -39001.
    if (last().number > 2n) expect((await call('eth_getBalance', [owner, '0x1'])).error).toMatchObject({ code: 4444 })
    expect((await call('eth_getBalance', [owner, '0x99'])).error).toMatchObject({ code: -39001, message: 'unknown block' })
  })

  it('batches, withdrawal proofs (checked against the exit root), escape proofs', async () => {
    const b1 = await result('rollup_getBatch', ['0x1'])
    expect(b1).toMatchObject({ number: '0x1', status: 'finalized', nodeStatus: 'applied', checks: 'proven', l1: { via: 'blob' }, queueStart: '0x0' })
    expect(b1.chunks).toHaveLength(h.batches[0]!.chunks.length)
    expect(b1.chunks.map((c: { publicInputs: string[] }) => c.publicInputs.map(BigInt))).toEqual(h.batches[0]!.claims)
    expect(BigInt(b1.stateRoot)).toBe(h.batches[0]!.root)
    expect(await result('rollup_getBatch', ['0x99'])).toBeNull()
    const notFinal = await call('rollup_getWithdrawalProof', [hex(last().number), '0x0', '0x0'])
    // The sequencer's codes: -38100 NOT_FINALIZED, -38101 NO_EXIT, -38102 NOT_FOUND.
    expect(notFinal.error).toMatchObject({ code: -38100, data: { batch: hex(last().number), status: 'committed' } })
    expect((await call('rollup_getWithdrawalProof', ['0x1', '0x0', '0x3f'])).error).toMatchObject({ code: -38101, message: 'chunk 0 of batch 1 has no exit at position 63' })
    expect((await call('rollup_getWithdrawalProof', ['0x1', '0x77', '0x0'])).error).toMatchObject({ code: -38102 })
    expect((await call('rollup_getWithdrawalProof', ['0x99', '0x0', '0x0'])).error).toMatchObject({ code: -38102 })
    // L1 finalizes the last batch: every batch's exits have proofs now.
    l1.head = last().block + 1n
    await node.sync()
    let found = false
    for (const b of h.batches) {
      const json = await result('rollup_getBatch', [hex(b.number)])
      for (const c of json.chunks) {
        for (const e of c.exits) {
          const proof = await result('rollup_getWithdrawalProof', [json.number, c.index, e.position])
          expect(proof).toEqual(withdrawalProofJson(getExitProof(node, { batch: b.number, chunk: Number(c.index), position: Number(e.position) })))
          expect([proof.batch, proof.chunk]).toEqual([json.number, c.index])
          expect(proof.exit).toEqual(e)
          const leaf = exitLeafHash({ recipient: BigInt(e.recipient), tokenId: BigInt(e.tokenId), amount: BigInt(e.amount) })
          expect(computeRoot({ leaf, index: BigInt(e.position), siblings: proof.args[6].map(BigInt) })).toBe(BigInt(c.exitRoot))
          found = true
        }
      }
    }
    expect(found).toBe(true)
    expect((await call('rollup_getWithdrawalProof', ['0x1'])).error.code).toBe(-32602)
    expect(await result('rollup_getEscapeProof', ['0x1'])).toEqual(escapeProofJson(getEscapeProof(node, { index: 1n })))
    expect(BigInt((await result('rollup_getEscapeProof', ['0x1'])).stateRoot)).toBe(getStateRoot(node, { at: 'finalized' }).root)
    expect((await call('rollup_getEscapeProof', [hex(h.state.head.nextIndex + 5n)])).error).toMatchObject({ code: -32001 })
    // Every deposit was consumed by a finalized batch: nothing to refund.
    expect((await call('rollup_getDepositRefund', ['0x0'])).error).toMatchObject({ code: -32001, data: { reason: 'NOT_FOUND' } })
  })

  it('rollup_getTxListOpening: every applied transaction opens against the chunk commitment L1 holds; later numbers are null with the head', async () => {
    const total = h.batches.reduce((s, b) => s + b.txs, 0)
    expect(total).toBeGreaterThan(0)
    const depth = Math.ceil(Math.log2(P.nTx))
    for (let seq = 1; seq <= total; seq++) {
      const r = await result('rollup_getTxListOpening', [hex(seq)])
      expect(r.finalized).toBe(true)
      expect(r.matchesL1).toBe(true)
      const o = r.opening
      const claims = h.batches.find((b) => b.number === BigInt(o.batch))!.claims[Number(o.chunk)]!
      expect(poseidon([BigInt(o.firstSeq), BigInt(o.txCount), BigInt(o.root)])).toBe(claims[5])
      expect(BigInt(o.firstSeq) <= BigInt(seq) && BigInt(seq) < BigInt(o.firstSeq) + BigInt(o.txCount)).toBe(true)
      expect(o.siblings).toHaveLength(depth)
      const leaf = poseidon2(BigInt(seq), BigInt(o.txHash))
      expect(computeRoot({ leaf, index: BigInt(o.slot), siblings: o.siblings.map(BigInt) })).toBe(BigInt(o.root))
    }
    const after = await result('rollup_getTxListOpening', [hex(total + 1)])
    expect(after.opening).toBeNull()
    expect(after.head).toMatchObject({ nextSequence: hex(total + 1), appliedBatch: hex(last().number), finalizedBatch: hex(last().number) })
    const lc = after.head.lastChunk
    expect(poseidon([BigInt(lc.firstSeq), BigInt(lc.txCount), BigInt(lc.root)])).toBe(last().claims.at(-1)![5])
    expect((await call('rollup_getTxListOpening', [])).error.code).toBe(-32602)
  })

  it('read-only: no transaction submission; unknown methods and bad params keep their codes', async () => {
    expect((await call('rollup_sendTransaction', [{}])).error.code).toBe(-32601)
    expect((await call('eth_getTransactionByHash', [`0x${'12'.repeat(32)}`])).error.code).toBe(-32601)
    expect((await call('rollup_getAccount', ['0x01'])).error).toMatchObject({ code: -32602 })
    expect(Object.keys(NODE_RPC_METHODS)).toHaveLength(17)
  })

  it('serves over HTTP to an unmodified viem client; /health and /metrics', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as { port: number }
    const client = createPublicClient({ transport: http(`http://127.0.0.1:${port}`) })
    expect(await client.getBlockNumber()).toBe(last().number)
    expect(await client.getChainId()).toBe(h.chainId)
    const block = await client.getBlock({ blockTag: 'finalized' })
    expect(block.number).toBe(last().number)
    const health = await fetch(`http://127.0.0.1:${port}/health`)
    expect([health.status, ((await health.json()) as { status: string }).status]).toEqual([200, 'ok'])
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toMatch(/cw_rpc_calls_total\{method="eth_blockNumber",outcome="ok"\}/)
  })
})

describe('docs/node.md matches the code', () => {
  it('lists every node method and configuration variable', async () => {
    const { readFileSync } = await import('node:fs')
    const { NODE_CONFIG_ENV } = await import('../process/nodeConfig.ts')
    const doc = readFileSync(new URL('../../../docs/node.md', import.meta.url), 'utf8')
    for (const m of Object.keys(NODE_RPC_METHODS)) expect(doc, m).toContain(`\`${m}\``)
    for (const [field, env] of Object.entries(NODE_CONFIG_ENV)) expect(doc, field).toContain(`| \`${field}\` | \`${env}\` |`)
  })
})
