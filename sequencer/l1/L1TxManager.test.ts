import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, custom, hexToBigInt, type Account, type Chain, type Hex, type Transport, type WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { MetricsRegistry } from '../metrics/MetricsRegistry.ts'
import type { L1TxConfig } from './L1TxConfig.ts'
import { L1TxError } from './L1TxError.ts'
import { L1TxManager, type L1TxManagerParams } from './L1TxManager.ts'
import { l1TxMetrics } from './l1TxMetrics.ts'

const GWEI = 10n ** 9n
let anvil: Anvil
let dir: string
let dbCount = 0
const open: L1TxManager[] = []

beforeAll(async () => {
  anvil = await startAnvil({ accounts: 13 })
  dir = mkdtempSync(join(tmpdir(), 'cw-l1tx-'))
})
afterAll(async () => {
  for (const m of open) await m.close()
  await anvil?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const FAST: Partial<L1TxConfig> = { confirmations: 1, pollIntervalMs: 25, resubmitAfterMs: 60_000 }
const freshDb = (): string => join(dir, `l1tx-${dbCount++}.db`)

async function openManager(params: { wallet: number; dbPath: string; config?: Partial<L1TxConfig> } & Partial<L1TxManagerParams>): Promise<L1TxManager> {
  const { wallet, config, ...rest } = params
  const m = await L1TxManager.open({ walletClient: anvil.walletClients[wallet]!, publicClient: anvil.publicClient, ...rest, config: { ...FAST, ...config } })
  open.push(m)
  return m
}

async function waitUntil(what: string, cond: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (await cond()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`gave up waiting until ${what}`)
}

/** A valid blob: every 32-byte field element starts with a zero byte, so it is below the BLS modulus. */
function testBlob(seed: number): Uint8Array {
  const blob = new Uint8Array(131_072)
  for (let i = 0; i < blob.length; i++) blob[i] = i % 32 === 0 ? 0 : (i * 7 + seed) & 0xff
  return blob
}

const nonceOf = (wallet: number): Promise<number> => anvil.publicClient.getTransactionCount({ address: anvil.accounts[wallet]!.address, blockTag: 'latest' })
const sink = (): Hex => anvil.accounts[9]!.address
const atLeastBumped = (next: bigint, prev: bigint, percent: bigint): boolean => next * 100n >= prev * (100n + percent)
const settled = <T,>(p: Promise<T>): { done: boolean; promise: Promise<T> } => {
  const s = { done: false, promise: p }
  p.then(
    () => (s.done = true),
    () => (s.done = true),
  )
  return s
}

describe('L1TxManager on anvil', () => {
  it('sends a normal transaction and resolves once it has the configured confirmations', async () => {
    const m = await openManager({ wallet: 1, dbPath: freshDb(), config: { confirmations: 2 } })
    const before = await nonceOf(1)
    const sending = settled(m.send({ key: 'plain:1', to: sink(), data: '0x1234' }))
    await waitUntil('the transaction is included', () => m.status().pending[0]?.includedIn !== undefined)
    // Included in one block: not yet 2 confirmations.
    expect(sending.done).toBe(false)
    await anvil.testClient.mine({ blocks: 1 })
    const receipt = await sending.promise
    expect(receipt).toMatchObject({ key: 'plain:1', nonce: before, status: 'success', via: 'calldata' })
    const tx = await anvil.publicClient.getTransaction({ hash: receipt.transactionHash })
    expect(tx.nonce).toBe(before)
    expect(tx.input).toBe('0x1234')
    expect(tx.type).toBe('eip1559')
    const chain = await anvil.publicClient.getTransactionReceipt({ hash: receipt.transactionHash })
    expect(receipt.blockNumber).toBe(chain.blockNumber)
    expect(receipt.feePaid).toBe(chain.gasUsed * chain.effectiveGasPrice)
    expect(await nonceOf(1)).toBe(before + 1)
    expect(m.status().pending).toEqual([])
  })

  it('sends a blob transaction, and chooses blob or calldata by cost when both are given', async () => {
    const m = await openManager({ wallet: 2, dbPath: freshDb() })
    const blobOnly = await m.send({ key: 'blob:1', to: sink(), data: '0x', blob: testBlob(1) })
    expect(blobOnly.via).toBe('blob')
    const tx = await anvil.publicClient.getTransaction({ hash: blobOnly.transactionHash })
    expect(tx.type).toBe('eip4844')
    expect(tx.blobVersionedHashes).toHaveLength(1)
    const r = await anvil.publicClient.getTransactionReceipt({ hash: blobOnly.transactionHash })
    expect(blobOnly.feePaid).toBe(r.gasUsed * r.effectiveGasPrice + r.blobGasUsed! * r.blobGasPrice!)

    // 8 KiB of non-zero calldata costs far more execution gas than 131,072 blob gas at anvil's blob base fee.
    const big = `0x${'ab'.repeat(8192)}` as Hex
    const viaBlob = await m.send({ key: 'both:big', to: sink(), data: '0x', blob: testBlob(2), calldataAlternative: big })
    expect(viaBlob.via).toBe('blob')
    expect((await anvil.publicClient.getTransaction({ hash: viaBlob.transactionHash })).type).toBe('eip4844')

    // The same execution gas (4 zero bytes cost what 1 non-zero byte costs), without the blob's blob gas: calldata is cheaper.
    const viaCalldata = await m.send({ key: 'both:small', to: sink(), data: '0x00000000', blob: testBlob(3), calldataAlternative: '0xbe' })
    expect(viaCalldata.via).toBe('calldata')
    const cd = await anvil.publicClient.getTransaction({ hash: viaCalldata.transactionHash })
    expect(cd.type).toBe('eip1559')
    expect(cd.input).toBe('0xbe')
  })

  it('replaces a stuck transaction with fees bumped by at least 10% and never above the cap', async () => {
    await anvil.testClient.setAutomine(false)
    try {
      const base = (await anvil.publicClient.getBlock()).baseFeePerGas!
      const tip = hexToBigInt(await anvil.publicClient.request({ method: 'eth_maxPriorityFeePerGas' }))
      const max = (a: bigint, b: bigint): bigint => (a > b ? a : b)
      const first = max(tip, GWEI) + 2n * max(base, GWEI)
      // Room for one 10% bump, not for two.
      const cap = (first * 115n) / 100n
      const metrics = l1TxMetrics(new MetricsRegistry())
      const m = await openManager({ wallet: 3, dbPath: freshDb(), metrics, config: { resubmitAfterMs: 150, maxFeePerGasCap: cap } })
      const sending = m.send({ key: 'stuck:1', to: sink(), data: '0x01' })
      await waitUntil('the manager reports the cap', () => m.status().feeCapHits > 0)
      const [p] = m.status().pending
      expect(p!.atFeeCap).toEqual(['maxFeePerGas'])
      expect(metrics.feeCapReached.get({ field: 'maxFeePerGas' })).toBeGreaterThan(0)
      // One replacement, then the cap: no attempt above it, each at least 10% over the one before.
      const fees = p!.attempts.map((x) => x.fees)
      expect(fees).toHaveLength(2)
      expect(fees[0]!.maxFeePerGas).toBe(first)
      for (const f of fees) expect(f.maxFeePerGas <= cap).toBe(true)
      expect(atLeastBumped(fees[1]!.maxFeePerGas, fees[0]!.maxFeePerGas, 10n)).toBe(true)
      expect(atLeastBumped(fees[1]!.maxPriorityFeePerGas, fees[0]!.maxPriorityFeePerGas, 10n)).toBe(true)
      await anvil.testClient.mine({ blocks: 1 })
      const receipt = await sending
      // What was mined is the replacement, with its fees, not the underpriced first attempt.
      expect(receipt.transactionHash).toBe(p!.attempts[1]!.hash)
      const mined = await anvil.publicClient.getTransaction({ hash: receipt.transactionHash })
      expect(mined.maxFeePerGas).toBe(fees[1]!.maxFeePerGas)
      expect(mined.maxFeePerGas! <= cap).toBe(true)
      expect(m.status().feeCapHits).toBeGreaterThan(0)
    } finally {
      await anvil.testClient.setAutomine(true)
    }
  })

  it('replaces a stuck blob transaction with all three fees doubled', async () => {
    await anvil.testClient.setAutomine(false)
    try {
      // Anvil's blob base fee is 1 wei, so the first maxFeePerBlobGas is the 1 gwei minimum; the cap leaves room for one doubling.
      const m = await openManager({ wallet: 4, dbPath: freshDb(), config: { resubmitAfterMs: 150, maxFeePerBlobGasCap: 2n * GWEI } })
      const sending = m.send({ key: 'stuck:blob', to: sink(), data: '0x', blob: testBlob(4) })
      await waitUntil('the manager reports the cap', () => m.status().feeCapHits > 0)
      const [p] = m.status().pending
      expect(p!.atFeeCap).toEqual(['maxFeePerBlobGas'])
      const fees = p!.attempts.map((x) => x.fees)
      expect(fees).toHaveLength(2)
      expect(fees[0]!.maxFeePerBlobGas).toBe(GWEI)
      expect(atLeastBumped(fees[1]!.maxFeePerGas, fees[0]!.maxFeePerGas, 100n)).toBe(true)
      expect(atLeastBumped(fees[1]!.maxPriorityFeePerGas, fees[0]!.maxPriorityFeePerGas, 100n)).toBe(true)
      expect(atLeastBumped(fees[1]!.maxFeePerBlobGas!, fees[0]!.maxFeePerBlobGas!, 100n)).toBe(true)
      for (const f of fees) expect(f.maxFeePerBlobGas! <= 2n * GWEI).toBe(true)
      await anvil.testClient.mine({ blocks: 1 })
      const receipt = await sending
      expect(receipt.via).toBe('blob')
      expect(receipt.transactionHash).toBe(p!.attempts[1]!.hash)
      const mined = await anvil.publicClient.getTransaction({ hash: receipt.transactionHash })
      expect(mined.maxFeePerBlobGas).toBe(fees[1]!.maxFeePerBlobGas)
      expect(mined.maxFeePerGas).toBe(fees[1]!.maxFeePerGas)
    } finally {
      await anvil.testClient.setAutomine(true)
    }
  })

  it('resumes after a restart: same nonce watched, outcome reported once, next request takes the next nonce', async () => {
    const dbPath = freshDb()
    const metrics = l1TxMetrics(new MetricsRegistry())
    const request = { key: 'restart:1', to: sink(), data: '0x0102' as Hex }
    const start = await nonceOf(5)
    await anvil.testClient.setAutomine(false)
    let hashes: Hex[]
    try {
      const a = await openManager({ wallet: 5, dbPath, metrics })
      const first = a.send(request)
      await waitUntil('the request is in flight', () => a.status().pending.length === 1)
      hashes = a.status().pending[0]!.attempts.map((x) => x.hash)
      expect(a.status().pending[0]!.nonce).toBe(start)
      await a.close()
      await expect(first).rejects.toMatchObject({ code: 'L1_TX_MANAGER_CLOSED', severity: 'temporary' })

      const b = await openManager({ wallet: 5, dbPath, metrics })
      const status = b.status()
      expect(status.pending.map((p) => ({ key: p.key, nonce: p.nonce }))).toEqual([{ key: 'restart:1', nonce: start }])
      expect(status.pending[0]!.attempts.map((x) => x.hash).slice(0, hashes.length)).toEqual(hashes)
      expect(status.nextNonce).toBe(start + 1)
      expect(b.outcome('restart:1')).toBe('pending')
      await anvil.testClient.mine({ blocks: 1 })
      const again = await b.send(request)
      expect(again.nonce).toBe(start)
      expect(status.pending[0]!.attempts.map((x) => x.hash)).toContain(again.transactionHash)
      expect(metrics.confirmed.get({ via: 'calldata', status: 'success' })).toBe(1)
      await anvil.testClient.setAutomine(true)
      const next = await b.send({ key: 'restart:2', to: sink(), data: '0x03' })
      expect(next.nonce).toBe(start + 1)
      expect(await nonceOf(5)).toBe(start + 2)
      // The first key again: its recorded outcome, no third transaction.
      expect(await b.send(request)).toEqual(again)
      expect(await nonceOf(5)).toBe(start + 2)
      expect(metrics.confirmed.get({ via: 'calldata', status: 'success' })).toBe(2)
    } finally {
      await anvil.testClient.setAutomine(true)
    }
  })

  it('loses nothing when the process is killed with SIGKILL while requests are in flight', async () => {
    const dbPath = freshDb()
    const start = await nonceOf(10)
    const keys = ['kill:1', 'kill:2', 'kill:3']
    await anvil.testClient.setAutomine(false)
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'testing', 'l1TxCrashChild.ts')], {
        env: { ...process.env, CW_L1_RPC: anvil.rpcUrl, CW_L1_DB: dbPath, CW_L1_ACCOUNT: '10', CW_L1_KEYS: keys.join(',') },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      let out = ''
      let err = ''
      child.stderr.on('data', (d: Buffer) => (err += d.toString()))
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          // Kill it as soon as the second request is recorded: the third may be anywhere.
          if ((out.match(/RECORDED/g) ?? []).length >= 2) resolve()
        })
        child.once('exit', (code) => reject(new Error(`child exited (${code}) early: ${err}`)))
      })
      child.kill('SIGKILL')
      await exited
      const recorded = [...out.matchAll(/RECORDED (\S+) (\d+)/g)].map((x) => ({ key: x[1]!, nonce: Number(x[2]) }))
      expect(recorded.slice(0, 2)).toEqual([
        { key: 'kill:1', nonce: start },
        { key: 'kill:2', nonce: start + 1 },
      ])

      const m = await openManager({ wallet: 10, dbPath })
      const resumed = m.status().pending.map((p) => ({ key: p.key, nonce: p.nonce }))
      // What the child recorded is resumed at the same nonces, with no gap.
      expect(resumed.slice(0, 2)).toEqual(recorded.slice(0, 2))
      resumed.forEach((p, i) => expect(p).toEqual({ key: keys[i], nonce: start + i }))
      await anvil.testClient.setAutomine(true)
      await anvil.testClient.mine({ blocks: 1 })
      const receipts = await Promise.all(keys.map((key) => m.send({ key, to: sink(), data: '0x01' })))
      expect(receipts.map((r) => r.nonce)).toEqual([start, start + 1, start + 2])
      expect(receipts.every((r) => r.status === 'success')).toBe(true)
      expect(await nonceOf(10)).toBe(start + 3)
    } finally {
      await anvil.testClient.setAutomine(true)
    }
  })

  it('recovers a transaction recorded but never broadcast (crash between the two)', async () => {
    const dbPath = freshDb()
    const start = await nonceOf(6)
    // An L1 client that loses every broadcast, like a process killed right after the record.
    const lossy = createPublicClient({
      chain: anvil.chain,
      transport: custom({
        request: async ({ method, params }) => {
          if (method === 'eth_sendRawTransaction') throw new Error('connection reset')
          return anvil.publicClient.request({ method, params } as never)
        },
      }),
    })
    const a = await openManager({ wallet: 6, dbPath, publicClient: lossy as never })
    const lost = a.send({ key: 'lost:1', to: sink(), data: '0x05' })
    await waitUntil('the request is recorded', () => a.status().pending.length === 1)
    await a.close()
    await expect(lost).rejects.toBeInstanceOf(L1TxError)
    expect(await nonceOf(6)).toBe(start)

    const b = await openManager({ wallet: 6, dbPath })
    const receipt = await b.send({ key: 'lost:1', to: sink(), data: '0x05' })
    expect(receipt.nonce).toBe(start)
    expect(await nonceOf(6)).toBe(start + 1)
  })

  it('keeps watching and resubmitting when the including block is reorged away before its confirmations', async () => {
    const m = await openManager({ wallet: 11, dbPath: freshDb(), config: { confirmations: 3, resubmitAfterMs: 100 } })
    const start = await nonceOf(11)
    const snapshot = await anvil.testClient.snapshot()
    const sending = settled(m.send({ key: 'reorg:1', to: sink(), data: '0x0a' }))
    await waitUntil('the transaction is included', () => m.status().pending[0]?.includedIn !== undefined)
    const firstBlock = m.status().pending[0]!.includedIn!
    await anvil.testClient.mine({ blocks: 1 })
    await waitUntil('the manager sees 2 of 3 confirmations', async () => (await anvil.publicClient.getBlockNumber({ cacheTime: 0 })) === firstBlock + 1n)
    expect(sending.done).toBe(false)
    // Drop the including block and the one on top: the transaction is no longer on chain.
    await anvil.testClient.revert({ id: snapshot })
    expect(await nonceOf(11)).toBe(start)
    // The manager notices, sends the nonce again (automine includes it) and waits for 3 confirmations anew.
    await waitUntil('the transaction is included again', async () => (await nonceOf(11)) === start + 1)
    await anvil.testClient.mine({ blocks: 2 })
    const receipt = await sending.promise
    expect(receipt.nonce).toBe(start)
    const onChain = await anvil.publicClient.getTransactionReceipt({ hash: receipt.transactionHash })
    expect(onChain.blockNumber).toBe(receipt.blockNumber)
    const head = await anvil.publicClient.getBlockNumber({ cacheTime: 0 })
    expect(head - receipt.blockNumber + 1n >= 3n).toBe(true)
  })

  it('is idempotent by key and refuses a key reused for other contents', async () => {
    const m = await openManager({ wallet: 7, dbPath: freshDb() })
    const start = await nonceOf(7)
    const request = { key: 'same:1', to: sink(), data: '0xaa' as Hex }
    const [x, y] = await Promise.all([m.send(request), m.send(request)])
    expect(y).toEqual(x)
    expect(await m.send(request)).toEqual(x)
    expect(await nonceOf(7)).toBe(start + 1)
    const conflict = await m.send({ ...request, data: '0xbb' }).catch((e: unknown) => e)
    expect(conflict).toBeInstanceOf(L1TxError)
    expect(conflict).toMatchObject({ code: 'L1_KEY_CONFLICT', severity: 'refused' })
    expect(await nonceOf(7)).toBe(start + 1)
  })

  it('sends a value with the call (a bond top-up), keeps it across a restart, and a key is bound to its value', async () => {
    const dbPath = freshDb()
    const m = await openManager({ wallet: 12, dbPath })
    const sinkBefore = await anvil.publicClient.getBalance({ address: sink() })
    const request = { key: 'value:1', to: sink(), data: '0x' as Hex, value: 12_345n }
    const receipt = await m.send(request)
    expect(receipt.status).toBe('success')
    expect((await anvil.publicClient.getTransaction({ hash: receipt.transactionHash })).value).toBe(12_345n)
    expect(await anvil.publicClient.getBalance({ address: sink() })).toBe(sinkBefore + 12_345n)
    await m.close()
    const again = await openManager({ wallet: 12, dbPath })
    expect(await again.send(request)).toEqual(receipt)
    await expect(again.send({ ...request, value: 1n })).rejects.toMatchObject({ code: 'L1_KEY_CONFLICT' })
    await expect(again.send({ ...request, key: 'value:2', value: -1n })).rejects.toMatchObject({ code: 'L1_INVALID_REQUEST' })
  })

  it('refuses malformed requests and reverting calls before taking a nonce', async () => {
    const dbPath = freshDb()
    const m = await openManager({ wallet: 8, dbPath })
    // The database belongs to wallet 8 on this chain: another sender's nonces would mean nothing there.
    await expect(openManager({ wallet: 1, dbPath })).rejects.toMatchObject({ code: 'L1_STORE_MISMATCH', severity: 'critical' })
    await expect(m.send({ key: '', to: sink(), data: '0x' })).rejects.toMatchObject({ code: 'L1_INVALID_REQUEST' })
    await expect(m.send({ key: 'short-blob', to: sink(), data: '0x', blob: new Uint8Array(10) })).rejects.toMatchObject({ code: 'L1_INVALID_REQUEST' })
    // A contract whose code reverts on every call (runtime PUSH1 0 PUSH1 0 REVERT), deployed from another account.
    const deployer = anvil.walletClients[0] as WalletClient<Transport, Chain, Account>
    const hash = await deployer.sendTransaction({ data: '0x6005600c60003960056000f360006000fd', account: deployer.account, chain: anvil.chain })
    const { contractAddress } = await anvil.publicClient.waitForTransactionReceipt({ hash })
    const next = m.status().nextNonce
    const reverted = await m.send({ key: 'reverts', to: contractAddress!, data: '0x' }).catch((e: unknown) => e)
    expect(reverted).toMatchObject({ code: 'L1_GAS_ESTIMATE_FAILED', severity: 'refused' })
    expect(m.outcome('reverts')).toBeUndefined()
    const ok = await m.send({ key: 'after-revert', to: sink(), data: '0x' })
    expect(ok.nonce).toBe(next)
    // With a gas limit there is no estimate: the transaction is mined and reverts. It is a
    // confirmed outcome (an old batch key nobody awaits any more ends so), never resubmitted.
    const mined = await m.send({ key: 'mined-revert', to: contractAddress!, data: '0x', gas: 100_000n })
    expect(mined).toMatchObject({ status: 'reverted', nonce: next + 1 })
    expect(m.outcome('mined-revert')).toEqual(mined)
    expect(m.status().pending).toEqual([])
    expect(await m.send({ key: 'mined-revert', to: contractAddress!, data: '0x', gas: 100_000n })).toEqual(mined)
    expect((await m.send({ key: 'after-mined-revert', to: sink(), data: '0x' })).nonce).toBe(next + 2)
  })
})

