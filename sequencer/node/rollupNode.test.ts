/**
 * The node against anvil (mock verifier): a randomized run committed by a test sequencer
 * (deposits, top-ups, set-key, forced transfers and withdrawals, L2 transfers, transfers to L1
 * and withdrawals; blob and calldata batches; some finalized, some pending), with the node's
 * root equal to the sequencer's after every batch; a node started halfway catching up; a
 * restart resuming from the store; a node behind an endpoint failing half of its requests;
 * blob sources (anvil RPC, archive folder, a beacon API); bad data (garbage and truncated
 * blobs, wrong claims, a missing blob) reported with the batch number and skipped until L1
 * reverts it; exits claimed and escape mode paid out with the node's proofs.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex, createPublicClient, parseEther, type Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chunkClaims, loadKzg } from '../../l1-contracts/index.ts'
import { BLOB_BYTES, FIELD_MODULUS, chunkLayout, encodeBatchBlob } from '../../protocol/index.ts'
import { prng, type Prng } from '../../protocol/transition/testWorld.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { archiveBlobSource, writeArchivedBlob } from './blobs/archiveBlobSource.ts'
import { beaconBlobSource } from './blobs/beaconBlobSource.ts'
import { getDepositRefund } from './read/getDepositRefund.ts'
import { getEscapeProof } from './read/getEscapeProof.ts'
import { getExitProof, listExits } from './read/getExitProof.ts'
import { getReports } from './read/getStatus.ts'
import { stateAt } from './read/stateAt.ts'
import { flakyTransport } from './testing/flakyTransport.ts'
import { createNode } from './createNode.ts'
import { rpcBlobSource } from './blobs/rpcBlobSource.ts'
import type { BlobSource } from './blobs/blobSource.ts'
import type { NodeOptions } from './nodeContext.ts'
import { getAccount } from './read/getAccount.ts'
import { getAccountsByOwner } from './read/getAccountsByOwner.ts'
import { getBatch } from './read/getBatch.ts'
import { getStateRoot } from './read/getStateRoot.ts'
import { getStatus } from './read/getStatus.ts'
import type { RollupNode } from './rollupNode.ts'
import { RollupDriver } from './testing/rollupDriver.ts'

describe('node: rebuild from L1 alone (anvil, mock verifier)', () => {
  let anvil: Anvil
  let driver: RollupDriver
  let dir: string
  const nodes: RollupNode[] = []

  beforeAll(async () => {
    anvil = await startAnvil()
    driver = await RollupDriver.create({ anvil, users: 4 })
    dir = mkdtempSync(join(tmpdir(), 'cw-node-'))
  }, 120_000)

  afterAll(async () => {
    for (const n of nodes) await n.close()
    await anvil?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const open = async (name: string, params: { blobs?: BlobSource | BlobSource[]; client?: ReturnType<typeof createPublicClient>; options?: Partial<NodeOptions>; retry?: Parameters<typeof createNode>[0]['retry'] } = {}): Promise<RollupNode> => {
    const client = params.client ?? anvil.publicClient
    const node = await createNode({
      client: client as never,
      rollup: driver.rollup,
      fromBlock: driver.d.blockNumber,
      storePath: join(dir, `${name}.sqlite`),
      blobs: params.blobs ?? rpcBlobSource({ client }),
      ...(params.retry ? { retry: params.retry } : {}),
      options: { confirmations: 0n, rangeSize: 50n, ...params.options },
    })
    nodes.push(node)
    return node
  }
  const close = async (node: RollupNode) => {
    await node.close()
    nodes.splice(nodes.indexOf(node), 1)
  }
  const blobHashOf = async (hash: `0x${string}`) => (await anvil.publicClient.getTransaction({ hash })).blobVersionedHashes![0]!
  const expectSame = (node: RollupNode) => {
    expect(getStateRoot(node).root).toBe(driver.state.root)
    for (const [i, a] of driver.state.allAccounts()) {
      const got = getAccount(node, { index: i })!
      expect([got.balance, got.nonce, got.tokenId, BigInt(got.owner), got.publicKey.x]).toEqual([a.balance, a.nonce, a.tokenId, a.owner, a.publicKey.x])
    }
  }

  it('follows a randomized run: its root equals the sequencer root after every batch; a node started halfway and a restarted node catch up', async () => {
    const r = prng(20240601)
    const kinds = new Map<string, number>()
    const tally = (k: string) => kinds.set(k, (kinds.get(k) ?? 0) + 1)
    let node = await open('main')
    let late: RollupNode | undefined
    for (let u = 0; u < driver.users.length; u++) await driver.queue({ kind: 'deposit', user: u, amount: 10n ** 18n })
    const rounds = 18
    let txs = 0
    for (let round = 0; round < rounds; round++) {
      for (let k = r.int(4); k > 0; k--) await driver.queue(driver.randomQueueOp(r))
      const built = driver.buildChunks({ txs: driver.randomTxs(r, 4 + r.int(12)), maxChunks: 4 })
      const oneShot = driver.finalized === BigInt(driver.batches.length) && r.chance(0.3)
      const batch = await driver.commit({ built, da: round % 3 === 2 ? 'calldata' : 'blob', commitAndProve: oneShot })
      if (oneShot) tally('commitAndProve')
      txs += built.chunks.reduce((s, c) => s + c.txCount, 0)
      if (r.chance(0.6)) for (let b = driver.finalized + 1n; b <= batch.number; b++) await driver.proveAndFinalize(b)

      const s = await node.sync()
      expect(s.stopped).toBeUndefined()
      expect(getBatch(node, { batch: batch.number })?.status).toBe('applied')
      expectSame(node)
      expect(getStateRoot(node, { at: 'finalized' }).root).toBe(await driver.finalizedRoot())

      if (round === 6) {
        late = await open('late')
        await late.sync()
        expectSame(late)
      } else if (late) {
        await late.sync()
        expect(getStateRoot(late).root).toBe(driver.state.root)
      }
      if (round === 9) {
        const before = getStatus(node).processedBlock
        await close(node)
        node = await open('main')
        expect(getStatus(node).processedBlock).toBe(before)
        expectSame(node)
      }
    }
    const status = getStatus(node)
    expect(status.appliedBatch).toBe(BigInt(driver.batches.length))
    expect(status.recentReports.filter((x) => x.severity !== 'warning')).toEqual([])
    const owner = driver.users[0]!.address
    expect(getAccountsByOwner(node, { owner }).map((a) => a.index)).toEqual(driver.state.indicesOf(BigInt(owner)))
    for (const b of driver.batches) {
      tally(b.da)
      for (const c of b.chunks) {
        for (const o of c.txOutcomes) if (o.status === 'included') tally(['', 'transfer', 'toL1', 'toL1New', 'withdraw'][o.da.type]!)
        c.queueOutcomes.forEach((o, q) => tally(`queue:${c.queueSlots[q]!.entry!.kind}:${o.status}`))
      }
    }
    for (const k of ['blob', 'calldata', 'commitAndProve', 'transfer', 'withdraw', 'queue:1:applied', 'queue:3:applied', 'queue:4:applied']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(0)
    console.log(`randomized run: ${driver.batches.length} batches, ${txs} L2 transactions, ${driver.entries.length} queue entries, ${driver.state.nextIndex - 1n} accounts; node root = sequencer root after every batch; ${JSON.stringify(Object.fromEntries(kinds))}`)
  })

  it('serves exit proofs of finalized chunks that L1 pays once', async () => {
    const r = prng(7)
    const node = await open('main')
    const [index, account] = [...driver.state.allAccounts()].find(([, a]) => a.owner === BigInt(driver.users[1]!.address) && a.balance > 10n ** 15n)!
    await driver.queue({ kind: 'forcedWithdraw', user: 1, from: index, amount: account.balance / 3n })
    const built = driver.buildChunks({ txs: driver.randomTxs(r, 8) })
    const batch = await driver.commit({ built, da: 'blob' })
    for (let b = driver.finalized + 1n; b <= batch.number; b++) await driver.proveAndFinalize(b)
    await node.sync()
    expect(getStateRoot(node).root).toBe(driver.state.root)
    const exits = listExits(node, { batch: batch.number })
    expect(exits.length).toBeGreaterThan(0)
    for (const e of exits) {
      const { args } = getExitProof(node, { batch: batch.number, chunk: e.chunk, position: e.position })
      const before = await anvil.publicClient.getBalance({ address: args[3] })
      await driver.send(5, 'claimExit', args)
      expect(await anvil.publicClient.getBalance({ address: args[3] })).toBe(before + e.amount)
      await expect(driver.send(5, 'claimExit', args)).rejects.toThrow()
    }
    await expect(async () => getExitProof(node, { batch: batch.number, chunk: 0, position: 99 })).rejects.toThrow(/not found/)
  })

  it('catches up through an L1 endpoint that fails half of its requests', async () => {
    const flaky = flakyTransport({ url: anvil.rpcUrl, failRate: 0.5, rng: prng(3) })
    const client = createPublicClient({ chain: anvil.chain, transport: flaky.transport })
    const retry = { attempts: 10, baseDelayMs: 2, maxDelayMs: 20 }
    const node = await open('flaky', { client, blobs: rpcBlobSource({ client, retry }), retry, options: { rangeSize: 20n } })
    let failures = 0
    for (let i = 0; i < 50 && getStateRoot(node).root !== driver.state.root; i++) {
      try {
        await node.sync()
      } catch {
        failures++ // every retry of one call failed: the next sync starts again from the last recorded block
      }
    }
    expectSame(node)
    expect(getStatus(node).appliedBatch).toBe(BigInt(driver.batches.length))
    expect(flaky.stats.failed).toBeGreaterThan(flaky.stats.requests / 3)
    console.log(`flaky endpoint: ${flaky.stats.failed} of ${flaky.stats.requests} requests failed, ${failures} syncs gave up, caught up at batch ${getStatus(node).appliedBatch}`)
  })

  it('a node that dies at any point of a sync resumes from its store', async () => {
    // No retries: every failed request kills the node where it stands (mid-range, between two
    // L1 transactions' events, while fetching a blob); a new one is opened on the same store.
    const flaky = flakyTransport({ url: anvil.rpcUrl, failRate: 0.15, rng: prng(17) })
    const client = createPublicClient({ chain: anvil.chain, transport: flaky.transport })
    const retry = { attempts: 1 }
    let deaths = 0
    let node: RollupNode | undefined
    for (let i = 0; i < 400; i++) {
      try {
        node ??= await open('crashy', { client, blobs: rpcBlobSource({ client, retry }), retry, options: { rangeSize: 7n } })
        await node.sync()
        if (getStatus(node).appliedBatch === BigInt(driver.batches.length) && getStateRoot(node).root === driver.state.root) break
      } catch {
        deaths++
        if (node) {
          node.context.store.close()
          nodes.splice(nodes.indexOf(node), 1)
        }
        node = undefined
      }
    }
    expect(node).toBeDefined()
    expectSame(node!)
    expect(deaths).toBeGreaterThan(5)
    console.log(`crashes: the node died ${deaths} times (${flaky.stats.failed} of ${flaky.stats.requests} requests failed, no retries) and resumed from its store each time`)
  })

  it('reports garbage and truncated blobs and wrong claims with the batch number, never applies them, and goes on once L1 reverts them', async () => {
    const r = prng(11)
    const node = await open('main')
    const bad: { batch: bigint; reason: string }[] = []
    const rootBefore = driver.state.root

    // 1. garbage blob under honest claims, and a batch committed on top of it
    for (let k = 0; k < 3; k++) await driver.queue(driver.randomQueueOp(r))
    let built = driver.buildChunks({ txs: driver.randomTxs(r, 6), maxChunks: 3 })
    const garbage = await driver.commit({ built, da: 'blob', blob: garbageBlob(r) })
    const onTop = await driver.commit({ built: driver.buildChunks({ txs: [], base: built, minChunks: 1 }), da: 'blob' })
    await node.sync()
    expect(getStatus(node).blockedAt).toMatchObject({ batch: garbage.number, status: 'rejected', reason: 'DECODE_ERROR' })
    expect(getBatch(node, { batch: onTop.number })?.status).toBe('waiting')
    expect(getStateRoot(node).root).toBe(rootBefore)
    bad.push({ batch: garbage.number, reason: 'DECODE_ERROR' })
    await driver.revertFrom(garbage.number)
    await node.sync()
    expect(getBatch(node, { batch: garbage.number })).toBeUndefined()
    expect(getStatus(node).blockedAt).toBeUndefined()

    // 2. a truncated blob: the batch's encoding cut after its first chunk
    for (let k = 0; k < 4; k++) await driver.queue({ kind: 'deposit', user: k % driver.users.length, amount: 10n ** 16n })
    built = driver.buildChunks({ txs: driver.randomTxs(r, 6), minChunks: 2 })
    expect(built.chunks.length).toBeGreaterThan(1)
    const full = encodeBatchBlob({ params: driver.params, chunks: built.chunks.map((c) => c.data) })
    const cut = new Uint8Array(BLOB_BYTES)
    cut.set(full.subarray(0, (1 + chunkLayout(driver.params).chunkElements) * 32))
    const truncated = await driver.commit({ built, da: 'blob', blob: cut })
    await node.sync()
    const t = getStatus(node).blockedAt!
    expect(t.batch).toBe(truncated.number)
    expect(t.status).toBe('rejected')
    bad.push({ batch: truncated.number, reason: t.reason! })
    await driver.revertFrom(truncated.number)

    // 3. honest data, a wrong state root claimed for the last chunk
    built = driver.buildChunks({ txs: driver.randomTxs(r, 6), minChunks: 2 })
    const claims = chunkClaims({ chunks: built.chunks, queueStart: built.queueStart })
    claims.at(-1)!.newStateRoot = (claims.at(-1)!.newStateRoot + 1n) % FIELD_MODULUS
    const lying = await driver.commit({ built, da: 'calldata', claims })
    await node.sync()
    expect(getStatus(node).blockedAt).toMatchObject({ batch: lying.number, status: 'rejected', reason: 'CLAIM_MISMATCH' })
    bad.push({ batch: lying.number, reason: 'CLAIM_MISMATCH' })
    await driver.revertFrom(lying.number)
    expect(getStateRoot(node).root).toBe(rootBefore)

    // the honest batch, under the same number, is applied
    const good = await driver.commit({ built: driver.buildChunks({ txs: driver.randomTxs(r, 6) }), da: 'blob' })
    expect(good.number).toBe(garbage.number)
    await node.sync()
    expect(getStatus(node).blockedAt).toBeUndefined()
    expectSame(node)

    const reports = getReports(node).filter((x) => x.code === 'BAD_BATCH' && x.severity === 'data')
    expect(reports.map((x) => ({ batch: x.batch, reason: x.reason }))).toEqual(bad)
    for (const x of reports) expect(x.message).toMatch(new RegExp(`^batch ${x.batch}`))
    console.log(`bad data: ${reports.map((x) => `batch ${x.batch}${x.chunk !== undefined ? ` chunk ${x.chunk}` : ''}: ${x.reason}`).join('; ')}`)

    // a fresh node reading the whole history (bad batches and their reverts included) gets the same state
    const fresh = await open('fresh-after-bad', { options: { rangeSize: 1000n } })
    await fresh.sync()
    expectSame(fresh)
  })

  it('reads blobs from an archive folder (a missing one is reported and fetched again) and from a beacon API', async () => {
    const blobs = driver.batches.filter((b) => b.da === 'blob')
    const last = blobs.at(-1)!
    const archive = join(dir, 'blobs')
    for (const b of blobs.slice(0, -1)) await writeArchivedBlob({ dir: archive, versionedHash: (await blobHashOf(b.receipt.transactionHash)), blob: b.blob! })
    const fromArchive = await open('archive', { blobs: archiveBlobSource({ dir: archive }), options: { rangeSize: 1000n } })
    await fromArchive.sync()
    const stuck = getStatus(fromArchive).blockedAt!
    expect(stuck).toMatchObject({ batch: last.number, status: 'unavailable', reason: 'DATA_NOT_FOUND' })
    expect(getReports(fromArchive).some((x) => x.batch === last.number && x.reason === 'DATA_NOT_FOUND')).toBe(true)
    await writeArchivedBlob({ dir: archive, versionedHash: await blobHashOf(last.receipt.transactionHash), blob: last.blob! })
    await fromArchive.sync()
    expectSame(fromArchive)

    // a beacon API: slot = block time (genesis 0, 1 s slots), a decoy sidecar per slot, 30% of answers 503
    const kzg = loadKzg()
    const slots = new Map<bigint, { blob: string; kzg_commitment: string }[]>()
    const r = prng(5)
    for (const b of blobs) {
      const block = await anvil.publicClient.getBlock({ blockNumber: b.receipt.blockNumber })
      const decoy = garbageBlob(r)
      const list = slots.get(block.timestamp) ?? []
      slots.set(block.timestamp, [...list, ...[decoy, b.blob!].map((blob) => ({ blob: bytesToHex(blob), kzg_commitment: bytesToHex(kzg.blobToKzgCommitment(blob)) }))])
    }
    let served = 0
    const server = await beaconServer((path) => {
      served++
      if (r.chance(0.3)) return { status: 503, body: {} }
      if (path === '/eth/v1/beacon/genesis') return { status: 200, body: { data: { genesis_time: '0' } } }
      if (path === '/eth/v1/config/spec') return { status: 200, body: { data: { SECONDS_PER_SLOT: '1' } } }
      const m = /^\/eth\/v1\/beacon\/blob_sidecars\/(\d+)$/.exec(path)
      const list = m ? slots.get(BigInt(m[1]!)) : undefined
      return list ? { status: 200, body: { data: list.map((x, i) => ({ index: String(i), ...x })) } } : { status: 404, body: {} }
    })
    try {
      const beacon = await open('beacon', { blobs: beaconBlobSource({ url: server.url, retry: { attempts: 10, baseDelayMs: 1 } }), options: { rangeSize: 1000n } })
      await beacon.sync()
      expect(getStatus(beacon).blockedAt).toBeUndefined()
      expectSame(beacon)
      expect(served).toBeGreaterThan(blobs.length)
    } finally {
      await server.close()
    }
  })

  it('in escape mode every account is paid out and unconsumed deposits refunded with the node\'s proofs alone', async () => {
    const r = prng(99)
    const node = await open('main')
    // a pending batch (never finalized) and a deposit no batch consumes
    await driver.queue({ kind: 'deposit', user: 2, amount: parseEther('0.5') })
    await driver.commit({ built: driver.buildChunks({ txs: driver.randomTxs(r, 6) }), da: 'blob' })
    await driver.queue({ kind: 'deposit', user: 3, amount: parseEther('0.25') })
    await node.sync()
    expectSame(node)
    expect(getStateRoot(node, { at: 'finalized' }).root).toBe(await driver.finalizedRoot())
    expect(getStateRoot(node, { at: 'finalized' }).root).not.toBe(getStateRoot(node).root)

    await anvil.testClient.increaseTime({ seconds: 601 })
    await anvil.testClient.mine({ blocks: 1 })
    await driver.send(6, 'activateEscapeMode', [])
    await node.sync()
    expect(getStatus(node).escapeMode).toBe(true)

    const { state } = stateAt(node, { at: 'finalized' })
    let paid = 0n
    for (let i = 1n; i < state.nextIndex; i++) {
      const { args, stateRoot } = getEscapeProof(node, { index: i })
      expect(stateRoot).toBe(await driver.finalizedRoot())
      const owner = args[1].owner as Address
      const before = await anvil.publicClient.getBalance({ address: owner })
      const receipt = await driver.send(7, 'escapeWithdraw', args)
      const gas = owner === anvil.accounts[7]!.address ? receipt.gasUsed * receipt.effectiveGasPrice : 0n
      expect(await anvil.publicClient.getBalance({ address: owner })).toBe(before + args[1].balance - gas)
      paid += args[1].balance
    }
    const finalizedQueue = getBatch(node, { batch: getStatus(node).finalizedBatch })!.queueEnd
    let refunded = 0n
    for (let p = finalizedQueue; p < BigInt(driver.entries.length); p++) {
      if (driver.entries[Number(p)]!.kind !== 1) continue
      const { args } = getDepositRefund(node, { position: p })
      await driver.send(7, 'escapeRefundDeposit', args)
      refunded += args[1].amount
    }
    // what is left in custody is exactly the finalized exits nobody claimed
    let unclaimed = 0n
    for (let b = 1n; b <= getStatus(node).finalizedBatch; b++) {
      for (const e of listExits(node, { batch: b })) if (!(await driver.read<boolean>('isExitClaimed', [b, BigInt(e.chunk), BigInt(e.position)]))) unclaimed += e.amount
    }
    expect(await driver.read<bigint>('custody', [0n])).toBe(unclaimed)
    console.log(`escape mode: ${state.nextIndex - 1n} accounts paid ${paid} wei from node proofs, ${refunded} wei of deposits refunded, custody left = unclaimed exits = ${unclaimed} wei`)
  })
})

/** A blob of random field elements (top byte zero, so KZG accepts it). */
function garbageBlob(r: Prng): Uint8Array {
  const blob = new Uint8Array(BLOB_BYTES)
  for (let i = 0; i < BLOB_BYTES; i++) if (i % 32 !== 0) blob[i] = r.int(256)
  return blob
}

async function beaconServer(answer: (path: string) => { status: number; body: unknown }): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const { status, body } = answer(req.url ?? '/')
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
