/**
 * L1 reorgs on anvil (`evm_snapshot` / `evm_revert`, then a different history mined): a node
 * with `confirmations` c never ingests a reorg shallower than c; a reorg deeper than what the
 * node read is detected (the hash of the last block it read changed), unwound with the undo
 * records (queue entries, batch commitments, applied batches), and the new chain re-synced to
 * the test sequencer's root; at depths 1, 5 and 30. A reorg replacing a finalization is
 * reported (`L1_REORG_TOO_DEEP`). Then the node process: `startNodeProcess` serving JSON-RPC,
 * and `main.ts` stopping cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prng } from '../../protocol/transition/testWorld.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { rpcBlobSource } from './blobs/rpcBlobSource.ts'
import { createNode } from './createNode.ts'
import { L1ReorgTooDeepError } from './errors.ts'
import { nodeConfigFromEnv } from './process/nodeConfig.ts'
import { startNodeProcess } from './process/startNodeProcess.ts'
import { getStateRoot } from './read/getStateRoot.ts'
import { getTxListOpening } from './read/getTxListOpening.ts'
import { getReports, getStatus } from './read/getStatus.ts'
import type { RollupNode } from './rollupNode.ts'
import { RollupDriver } from './testing/rollupDriver.ts'

describe('node: L1 reorgs (anvil, mock verifier)', () => {
  let anvil: Anvil
  let driver: RollupDriver
  let dir: string
  let fast: RollupNode // confirmations 0: reads everything, must unwind
  let safe: RollupNode // confirmations 3
  const r = prng(77)

  const open = (name: string, confirmations: bigint): Promise<RollupNode> =>
    createNode({ client: anvil.publicClient as never, rollup: driver.rollup, fromBlock: driver.d.blockNumber, storePath: join(dir, `${name}.sqlite`), blobs: rpcBlobSource({ client: anvil.publicClient }), options: { confirmations, rangeSize: 20n } })
  const head = () => anvil.publicClient.getBlockNumber({ cacheTime: 0 })
  const mineTo = async (block: bigint) => {
    const h = await head()
    if (block > h) await anvil.testClient.mine({ blocks: Number(block - h) })
  }
  /** A batch of random transactions consuming the pending queue, committed (not finalized). */
  const batch = async (da: 'blob' | 'calldata' = 'blob') => driver.commit({ built: driver.buildChunks({ txs: driver.randomTxs(r, 3 + r.int(5)), maxChunks: 3 }), da })

  beforeAll(async () => {
    anvil = await startAnvil()
    driver = await RollupDriver.create({ anvil, users: 4 })
    dir = mkdtempSync(join(tmpdir(), 'cw-node-reorg-'))
    for (let u = 0; u < 4; u++) await driver.queue({ kind: 'deposit', user: u, amount: parseEther('1') })
    await batch('calldata')
    await driver.proveAndFinalize(1n)
    fast = await open('fast', 0n)
    safe = await open('safe', 3n)
    await fast.sync()
    await mineTo((await head()) + 3n)
    await safe.sync()
    expect(getStateRoot(fast).root).toBe(driver.state.root)
    expect(getStateRoot(safe).root).toBe(driver.state.root)
  }, 120_000)

  afterAll(async () => {
    await fast?.close()
    await safe?.close()
    await anvil?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('depth 1: a dropped deposit is unwound by the node that read it, never seen by the one with 3 confirmations', async () => {
    const restore = await driver.snapshot()
    const forkBlock = await head()
    await driver.queue({ kind: 'deposit', user: 0, amount: parseEther('0.25') })
    const queued = getStatus(fast).queueLength
    expect((await fast.sync()).queued).toBe(1)
    expect(getStatus(fast).queueLength).toBe(queued + 1n)
    expect((await safe.sync()).queued).toBe(0)

    await restore()
    await driver.queue({ kind: 'deposit', user: 1, amount: parseEther('0.5') }) // the same block number, another block
    const s = await fast.sync()
    // The common block is the newest block the node remembers (blocks with events, range ends) that L1 still has.
    expect(s.reorg).toMatchObject({ processedBlock: forkBlock + 1n, undone: [], forgotten: [], queueDropped: 1n })
    expect(s.reorg!.commonBlock).toBeLessThanOrEqual(forkBlock)
    expect(s.queued).toBe(1)
    const safeSync = await safe.sync()
    expect(safeSync.reorg).toBeUndefined()
    // The queue entry both nodes hold is the new chain's: the batch consuming it replays to the driver's root.
    await batch()
    await mineTo((await head()) + 3n)
    for (const n of [fast, safe]) {
      await n.sync()
      expect(getStateRoot(n).root).toBe(driver.state.root)
    }
    expect(getReports(fast).filter((x) => x.code === 'L1_REORG')).toHaveLength(1)
    expect(getReports(safe).filter((x) => x.code === 'L1_REORG')).toHaveLength(0)
  })

  for (const depth of [5, 30]) {
    it(`depth ${depth}: applied batch commitments and deposits are undone, the new chain re-synced`, async () => {
      const restore = await driver.snapshot()
      const forkBlock = await head()
      const before = getStatus(fast)
      // Old history: deposits and two batches (blob and calldata), applied by both nodes.
      await driver.queue({ kind: 'deposit', user: 2, amount: parseEther('0.3') })
      const b1 = await batch('blob')
      await driver.queue(driver.randomQueueOp(r))
      const b2 = await batch('calldata')
      await mineTo(forkBlock + BigInt(depth))
      await fast.sync()
      await safe.sync()
      expect(getStatus(fast).appliedBatch).toBe(b2.number)
      const safeApplied = getStatus(safe).appliedBatch // 3 blocks behind: maybe only b1
      expect(getStateRoot(fast).root).toBe(driver.state.root)
      const oldRoot = driver.state.root
      // The old batches' transactions, by sequence number, as the node keeps them.
      const oldTxs = [...b1.chunks, ...b2.chunks].flatMap((c) => c.txOutcomes.flatMap((o) => (o.status === 'included' ? [{ seq: o.seq, hash: o.hash }] : [])))
      expect(oldTxs.length).toBeGreaterThan(0)
      for (const t of oldTxs) expect(getTxListOpening(fast, { sequence: t.seq }).opening?.txHash).toBe(t.hash)

      // New history from the fork: other deposits, one batch, as many blocks and one more.
      await restore()
      await driver.queue({ kind: 'deposit', user: 3, amount: parseEther('0.7') })
      await driver.queue({ kind: 'deposit', user: 1, amount: parseEther('0.1') })
      const c1 = await batch('blob')
      expect(c1.number).toBe(b1.number)
      await mineTo(forkBlock + BigInt(depth) + 4n)
      expect(driver.state.root).not.toBe(oldRoot)

      const s = await fast.sync()
      expect(s.reorg?.commonBlock).toBeLessThanOrEqual(forkBlock)
      expect(s.reorg?.undone).toEqual([b2.number, b1.number])
      expect(s.reorg?.forgotten).toEqual([b1.number, b2.number])
      expect(s.applied).toEqual([c1.number])
      expect(getStateRoot(fast).root).toBe(driver.state.root)
      expect(getStatus(fast)).toMatchObject({ appliedBatch: c1.number, committedBatch: c1.number, queueLength: before.queueLength + 2n })
      // The unwound batches' transactions are gone: each number holds the new chain's transaction or nothing.
      const newTxs = new Map(c1.chunks.flatMap((c) => c.txOutcomes.flatMap((o) => (o.status === 'included' ? [[o.seq, o.hash] as const] : []))))
      for (const t of oldTxs) expect(getTxListOpening(fast, { sequence: t.seq }).opening?.txHash).toBe(newTxs.get(t.seq))
      for (const [seq, hash] of newTxs) expect(getTxListOpening(fast, { sequence: seq }).opening).toMatchObject({ txHash: hash, batch: c1.number })

      const t = await safe.sync() // the reorg is deeper than its 3 confirmations: it unwinds too
      expect(t.reorg?.undone).toEqual([b2.number, b1.number].filter((n) => n <= safeApplied))
      expect(t.reorg?.undone.length).toBeGreaterThan(0)
      expect(getStateRoot(safe).root).toBe(driver.state.root)

      // A node built from scratch over the new chain agrees, and so does a restart.
      const fresh = await open(`fresh-${depth}`, 0n)
      await fresh.sync()
      expect(getStateRoot(fresh).root).toBe(driver.state.root)
      await fresh.close()
    }, 60_000)
  }

  it('a reorg replacing a finalization is reported, not unwound', async () => {
    const node = await open('final', 0n)
    await node.sync()
    const restore = await driver.snapshot()
    for (let b = driver.finalized + 1n; b <= driver.batches.at(-1)!.number; b++) await driver.proveAndFinalize(b)
    await node.sync()
    await restore()
    await anvil.testClient.mine({ blocks: 8 })
    await expect(node.sync()).rejects.toThrow(L1ReorgTooDeepError)
    expect(getStateRoot(node).root).toBe(driver.state.root) // nothing was half-undone
    await node.close()
  }, 60_000)

  it('the node process: startNodeProcess serves JSON-RPC while it syncs, and stops', async () => {
    const config = nodeConfigFromEnv({
      CW_NODE_L1_RPC_URL: anvil.rpcUrl,
      CW_NODE_ROLLUP_ADDRESS: driver.rollup,
      CW_NODE_DEPLOYMENT_BLOCK: String(driver.d.blockNumber),
      CW_NODE_DB_PATH: join(dir, 'process.sqlite'),
      CW_NODE_CONFIRMATIONS: '0',
      CW_NODE_POLL_INTERVAL_MS: '50',
      CW_NODE_HTTP_PORT: '0',
      CW_NODE_LOG_LEVEL: 'silent',
    })
    const p = await startNodeProcess({ config }) // no onSync: run() must sync anyway
    const rpc = async (method: string, params: unknown[] = []) => ((await (await fetch(p.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json()) as { result: any }).result // eslint-disable-line @typescript-eslint/no-explicit-any
    const want = `0x${driver.batches.at(-1)!.number.toString(16)}`
    for (let i = 0; i < 400 && (await rpc('eth_blockNumber')) !== want; i++) await new Promise((res) => setTimeout(res, 50))
    expect(await rpc('eth_blockNumber')).toBe(want)
    expect(await rpc('eth_syncing')).toBe(false)
    expect(BigInt((await rpc('rollup_status')).stateRoot)).toBe(driver.state.root)
    await p.stop()
    await p.stop()
    expect(p.app.server.listening).toBe(false)
  }, 60_000)

  it('main.ts: a bad configuration exits 1 naming the variable; SIGTERM stops the process cleanly', async () => {
    const run = (env: Record<string, string>) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'sequencer/node/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      child.stdout.on('data', (d) => (out += String(d)))
      child.stderr.on('data', (d) => (out += String(d)))
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)))
      return { child, exited, out: () => out }
    }
    const bad = run({ CW_NODE_L1_RPC_URL: anvil.rpcUrl })
    expect(await bad.exited).toBe(1)
    expect(bad.out()).toMatch(/CW_NODE_ROLLUP_ADDRESS/)

    const good = run({
      CW_NODE_L1_RPC_URL: anvil.rpcUrl,
      CW_NODE_ROLLUP_ADDRESS: driver.rollup,
      CW_NODE_DEPLOYMENT_BLOCK: String(driver.d.blockNumber),
      CW_NODE_DB_PATH: join(dir, 'main.sqlite'),
      CW_NODE_HTTP_PORT: '0',
      CW_NODE_POLL_INTERVAL_MS: '100',
    })
    for (let i = 0; i < 600 && !good.out().includes('node serving'); i++) await new Promise((res) => setTimeout(res, 50))
    expect(good.out()).toContain('node serving')
    good.child.kill('SIGTERM')
    expect(await good.exited).toBe(0)
    expect(good.out()).toContain('node stopped')
  }, 90_000)
})
