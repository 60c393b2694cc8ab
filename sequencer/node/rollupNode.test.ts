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
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prng } from '../../protocol/transition/testWorld.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
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
  const expectSame = (node: RollupNode) => {
    expect(getStateRoot(node).root).toBe(driver.state.root)
    for (const [i, a] of driver.state.allAccounts()) {
      const got = getAccount(node, { index: i })!
      expect([got.balance, got.nonce, got.tokenId, BigInt(got.owner), got.publicKey.x]).toEqual([a.balance, a.nonce, a.tokenId, a.owner, a.publicKey.x])
    }
  }

  it('follows a randomized run: its root equals the sequencer root after every batch; a node started halfway and a restarted node catch up', async () => {
    const r = prng(20240601)
    let node = await open('main')
    let late: RollupNode | undefined
    for (let u = 0; u < driver.users.length; u++) await driver.queue({ kind: 'deposit', user: u, amount: 10n ** 18n })
    const rounds = 14
    let txs = 0
    for (let round = 0; round < rounds; round++) {
      for (let k = r.int(4); k > 0; k--) await driver.queue(driver.randomQueueOp(r))
      const built = driver.buildChunks({ txs: driver.randomTxs(r, r.int(9)), maxChunks: 4 })
      const batch = await driver.commit({ built, da: r.chance(0.5) ? 'blob' : 'calldata' })
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
    console.log(`randomized run: ${driver.batches.length} batches, ${txs} L2 transactions, ${driver.entries.length} queue entries, ${driver.state.nextIndex - 1n} accounts; node root = sequencer root after every batch`)
  })
})
