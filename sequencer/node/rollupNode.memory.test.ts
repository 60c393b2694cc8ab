/**
 * The node over an in-memory L1 (no anvil): full batches at a realistic shape, every root
 * against the synthetic history; an L1 revert of batches the node had applied (state and
 * store undone, also across a restart); the finalized view; a store of another deployment.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEVNET_PARAMS } from '../../protocol/index.ts'
import { prng } from '../../protocol/transition/testWorld.ts'
import { createNode } from './createNode.ts'
import { RetryExhaustedError, StoreMismatchError } from './errors.ts'
import type { RollupEvent } from './l1/rollupEvent.ts'
import { getBatch } from './read/getBatch.ts'
import { getStateRoot } from './read/getStateRoot.ts'
import { getStatus } from './read/getStatus.ts'
import type { RollupNode } from './rollupNode.ts'
import { blockHash, memoryL1Reader, type MemoryL1 } from './testing/memoryL1Reader.ts'
import { memoryBlobSource } from './testing/memoryBlobSource.ts'
import { syntheticHistory, type SyntheticHistory } from './testing/syntheticHistory.ts'

const P = { ...DEVNET_PARAMS, depth: 12 }

describe('node over an in-memory L1', () => {
  let dir: string
  let h1: SyntheticHistory
  let h2: SyntheticHistory
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-node-mem-'))
    h1 = syntheticHistory({ params: P, accounts: 300, transferBatches: 3, chunksPerBatch: 12, r: prng(1), finalize: false })
    h2 = syntheticHistory({ params: P, accounts: 300, transferBatches: 2, chunksPerBatch: 12, r: prng(2), finalize: false })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const open = (name: string, l1: MemoryL1, blobs: Map<string, Uint8Array>, checks: 'auto' | 'full' | 'proven' = 'auto'): Promise<RollupNode> =>
    createNode({ l1, rollup: l1.rollup, fromBlock: 1n, storePath: join(dir, `${name}.sqlite`), blobs: memoryBlobSource({ blobs }), kzg: false, options: { confirmations: 0n, rangeSize: 3n, checks } })

  it('applies every batch to the history root, with full and proven checks alike', async () => {
    for (const checks of ['full', 'proven'] as const) {
      const l1 = memoryL1Reader({ rollup: h1.rollup, chainId: h1.chainId, config: h1.config, events: h1.events })
      const node = await open(`all-${checks}`, l1, h1.blobs, checks)
      for (const b of h1.batches) {
        l1.head = b.block
        await node.sync()
        expect(getStateRoot(node).root).toBe(b.root)
        expect(getBatch(node, { batch: b.number })).toMatchObject({ status: 'applied', checks, txCount: b.txs })
      }
      expect(getStateRoot(node, { at: 'finalized' }).root).toBe(h1.config.genesisStateRoot)
      await node.close()
    }
  })

  it('undoes applied batches that L1 reverts, also after a restart, and applies the new ones', async () => {
    // L1: h1's batches 1..3, then batches 2..4 reverted, then h2's batches 2..3 committed again.
    const last = h1.batches.at(-1)!.block
    const revertBlock = last + 1n
    const shift = revertBlock
    const revert: RollupEvent = { kind: 'reverted', at: { blockNumber: revertBlock, blockHash: blockHash(revertBlock), transactionHash: `0x${'ab'.repeat(32)}`, transactionIndex: 0, logIndex: 0 }, fromBatch: 2n, toBatch: 4n }
    const again = h2.events
      .filter((e) => (e.kind === 'chunk' || e.kind === 'batch') && e.batch >= 2n)
      .map((e) => ({ ...e, at: { ...e.at, blockNumber: e.at.blockNumber + shift, blockHash: blockHash(e.at.blockNumber + shift) } }))
    const l1 = memoryL1Reader({ rollup: h1.rollup, chainId: h1.chainId, config: h1.config, events: [...h1.events, revert, ...again] })
    const blobs = new Map([...h1.blobs, ...h2.blobs])
    let node = await open('revert', l1, blobs)
    l1.head = last
    await node.sync()
    expect(getStateRoot(node).root).toBe(h1.batches.at(-1)!.root)
    await node.close()
    node = await open('revert', l1, blobs) // the undo records come back from the store
    l1.head = revertBlock
    const s = await node.sync()
    expect(s.reverted).toEqual([2n, 3n, 4n])
    expect(getStateRoot(node).root).toBe(h1.batches[0]!.root)
    expect(getStatus(node)).toMatchObject({ appliedBatch: 1n, committedBatch: 1n })
    l1.head = again.at(-1)!.at.blockNumber
    await node.sync()
    expect(getStateRoot(node).root).toBe(h2.batches.at(-1)!.root)
    await node.close()
    // a fresh node over the same L1 agrees
    const fresh = await open('revert-fresh', l1, blobs)
    await fresh.sync()
    expect(getStateRoot(fresh).root).toBe(h2.batches.at(-1)!.root)
    await fresh.close()
  })

  it('reads only blocks that are `confirmations` deep', async () => {
    const l1 = memoryL1Reader({ rollup: h1.rollup, chainId: h1.chainId, config: h1.config, events: h1.events })
    const node = await createNode({ l1, rollup: l1.rollup, fromBlock: 1n, storePath: join(dir, 'deep.sqlite'), blobs: memoryBlobSource({ blobs: h1.blobs }), kzg: false, options: { confirmations: 2n } })
    const b = h1.batches[1]!
    l1.head = b.block + 1n
    expect((await node.sync()).processedBlock).toBe(b.block - 1n)
    expect(getStatus(node).committedBatch).toBe(1n)
    l1.head = b.block + 2n
    await node.sync()
    expect(getStateRoot(node).root).toBe(b.root)
    await node.close()
  })

  it('halves a block range the endpoint refuses (too many logs) and never skips one', async () => {
    const l1 = memoryL1Reader({ rollup: h1.rollup, chainId: h1.chainId, config: h1.config, events: h1.events })
    const events = l1.events
    const asked: bigint[] = []
    l1.events = async (range) => {
      asked.push(range.toBlock - range.fromBlock + 1n)
      if (range.toBlock - range.fromBlock >= 2n) throw new RetryExhaustedError({ what: 'eth_getLogs', attempts: 1, cause: new Error('query returned more than 10000 results') })
      return events(range)
    }
    const node = await createNode({ l1, rollup: l1.rollup, fromBlock: 1n, storePath: join(dir, 'halving.sqlite'), blobs: memoryBlobSource({ blobs: h1.blobs }), kzg: false, options: { confirmations: 0n, rangeSize: 1000n } })
    await node.sync()
    expect(getStateRoot(node).root).toBe(h1.batches.at(-1)!.root)
    expect(asked[0]).toBeGreaterThan(2n)
    expect(asked[1]).toBe((asked[0]! + 1n) / 2n)
    expect(Math.max(...asked.slice(2).map(Number))).toBeLessThanOrEqual(2)
    await node.close()
  })

  it('refuses a store of another deployment', async () => {
    const l1 = memoryL1Reader({ rollup: h1.rollup, chainId: h1.chainId, config: h1.config, events: h1.events })
    await (await open('mine', l1, h1.blobs)).close()
    const other = memoryL1Reader({ rollup: '0x0000000000000000000000000000000000000bad', chainId: h1.chainId, config: h1.config, events: [] })
    await expect(open('mine', other, h1.blobs)).rejects.toThrow(StoreMismatchError)
  })
})
