/**
 * The prover against L1 (anvil, INSECURE mock verifier): jobs read from L1 alone for several
 * multi-chunk blob and calldata batches, proven, submitted and finalized; a prover restarted
 * from its store resumes and proves only what is left; a second prover with its own state,
 * rebuilt from L1, offers the same jobs and its duplicate proofs are skipped; a batch the node
 * rejects, or whose transactions the sequencer numbered otherwise, is never offered; after L1
 * reverts batches (a bad one, and a good one with a job already built), the batches committed
 * again under the same number are proven instead. A prover restarted mid-batch goes on there.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chunkClaims } from '../../l1-contracts/index.ts'
import { prng } from '../../protocol/transition/testWorld.ts'
import { createNode, rpcBlobSource, type RollupNode } from '../../sequencer/node/index.ts'
import { RollupDriver } from '../../sequencer/node/testing/rollupDriver.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import type { ServiceLogger } from '../proverService.ts'
import { l1ProofJobSource, type L1ProofJobSource } from './l1ProofJobSource.ts'
import { l1ProofSink, type L1ProofSink } from './l1ProofSink.ts'
import { insecureMockProofSystem } from './proofSystem.ts'
import { rollupContract, type RollupContract } from './rollupContract.ts'

const system = insecureMockProofSystem()

interface Prover {
  node: RollupNode
  source: L1ProofJobSource
  sink: L1ProofSink
  rollup: RollupContract
  logs: string[]
}

describe('prover on L1 (anvil, mock verifier)', () => {
  let anvil: Anvil
  let driver: RollupDriver
  let dir: string
  const open: RollupNode[] = []
  const r = prng(6)

  beforeAll(async () => {
    anvil = await startAnvil()
    driver = await RollupDriver.create({ anvil, users: 4 })
    dir = mkdtempSync(join(tmpdir(), 'cw-prover-'))
  }, 120_000)

  afterAll(async () => {
    for (const n of open) await n.close()
    await anvil?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const prover = async (params: { wallet: number; storePath: string }): Promise<Prover> => {
    const node = await createNode({
      client: anvil.publicClient as never,
      rollup: driver.rollup,
      fromBlock: driver.d.blockNumber,
      storePath: params.storePath,
      blobs: rpcBlobSource({ client: anvil.publicClient }),
      options: { confirmations: 0n },
    })
    open.push(node)
    const logs: string[] = []
    const logger: ServiceLogger = { info: (o, m) => logs.push(`${m} ${JSON.stringify(o)}`), warn: (o, m) => logs.push(`warn ${m} ${JSON.stringify(o)}`), error: (o, m) => logs.push(`error ${m} ${JSON.stringify(o)}`) }
    const rollup = rollupContract({ publicClient: anvil.publicClient, walletClient: anvil.walletClients[params.wallet]!, address: driver.rollup })
    return { node, rollup, logs, source: l1ProofJobSource({ node, rollup, logger, signatures: driver.signatureSource() }), sink: l1ProofSink({ rollup, system, logger }) }
  }
  const close = async (p: Prover) => {
    await p.node.close()
    open.splice(open.indexOf(p.node), 1)
  }
  /** Proves and submits every job the source offers, in order; returns them as batch:chunk. */
  const drain = async (p: Prover, limit = Infinity): Promise<string[]> => {
    const done: string[] = []
    for (let job = done.length < limit ? await p.source.next() : undefined; job; job = done.length < limit ? await p.source.next() : undefined) {
      await p.sink.submit(job, await system.prove({ chunk: job.chunk, wasm: '', zkey: '' }))
      done.push(`${job.batch}:${job.chunkIndex}`)
      if (done.length > 50) throw new Error('the source keeps offering jobs')
    }
    return done
  }
  const heads = () => rollupContract({ publicClient: anvil.publicClient, address: driver.rollup }).heads()
  const commitRandom = async (params: { da: 'blob' | 'calldata'; txs: number; queueOps?: number; minChunks?: number }) => {
    for (let i = 0; i < (params.queueOps ?? 0); i++) await driver.queue(driver.randomQueueOp(r))
    const built = driver.buildChunks({ txs: driver.randomTxs(r, params.txs), maxChunks: 4, minChunks: params.minChunks ?? 1 })
    return driver.commit({ built, da: params.da })
  }

  it('proves and finalizes multi-chunk blob and calldata batches; a prover restarted mid-batch resumes from its store', async () => {
    for (let u = 0; u < 4; u++) await driver.queue({ kind: 'deposit', user: u, amount: parseEther('2') })
    const b1 = await driver.commit({ built: driver.buildChunks({ txs: [] }), da: 'blob' })
    const b2 = await commitRandom({ da: 'blob', txs: 10, queueOps: 2, minChunks: 2 })
    const b3 = await commitRandom({ da: 'calldata', txs: 6, queueOps: 1 })
    expect(b1.chunks.length).toBe(2)
    expect(b2.chunks.length).toBeGreaterThan(1)
    const all = (bs: typeof b1[]) => bs.flatMap((b) => b.chunks.map((_, k) => `${b.number}:${k}`))

    // the prover stops after three proofs: batch 1 finalized, batch 2 half proven
    const a = await prover({ wallet: 6, storePath: join(dir, 'a.sqlite') })
    expect(await drain(a, 3)).toEqual(all([b1, b2]).slice(0, 3))
    expect(a.sink.outcomes.map((o) => o.outcome)).toEqual(['proven', 'proven', 'proven'])
    expect((await heads()).finalizedBatches).toBe(1n)
    await close(a)

    const b4 = await commitRandom({ da: 'blob', txs: 8, queueOps: 2 })
    const b5 = await commitRandom({ da: 'calldata', txs: 3 })
    const again = await prover({ wallet: 6, storePath: join(dir, 'a.sqlite') })
    // it starts from its store (batch 1 is there, finalized) and goes on inside batch 2
    expect(again.node.context.store.lastFinalized()?.number).toBe(1n)
    expect(await drain(again)).toEqual(all([b2, b3, b4, b5]).slice(1))
    expect(again.sink.outcomes.every((o) => o.outcome === 'proven')).toBe(true)
    expect((await heads()).finalizedBatches).toBe(5n)
    expect(await driver.finalizedRoot()).toBe(driver.state.root)
    await close(again)
  }, 120_000)

  it('a second prover, rebuilt from L1 in memory, offers the same jobs; its duplicate proofs are skipped', async () => {
    const b6 = await commitRandom({ da: 'blob', txs: 9, queueOps: 1, minChunks: 2 })
    expect(b6.chunks.length).toBeGreaterThan(1)
    const a = await prover({ wallet: 6, storePath: join(dir, 'a.sqlite') })
    const b = await prover({ wallet: 7, storePath: ':memory:' })
    for (let k = 0; k < b6.chunks.length; k++) {
      const [ja, jb] = [await a.source.next(), await b.source.next()]
      expect([ja?.batch, ja?.chunkIndex]).toEqual([b6.number, k])
      expect(jb?.chunk.publicInputs).toEqual(ja?.chunk.publicInputs)
      expect(ja?.chunk.publicInputs).toEqual(b6.chunks[k]!.publicInputs)
      // alternately one prover wins and the other's proof arrives second
      const [first, second] = k % 2 === 0 ? [a, b] : [b, a]
      await first.sink.submit(k % 2 === 0 ? ja! : jb!, await system.prove({ chunk: ja!.chunk, wasm: '', zkey: '' }))
      await second.sink.submit(k % 2 === 0 ? jb! : ja!, await system.prove({ chunk: jb!.chunk, wasm: '', zkey: '' }))
      expect(first.sink.outcomes.at(-1)?.outcome).toBe('proven')
      // the first prover's last proof completes the batch and it finalizes it: the second one finds it no longer pending
      const last = k === b6.chunks.length - 1
      expect(second.sink.outcomes.at(-1)).toMatchObject({ outcome: 'moot', reason: last ? 'BatchNotPending' : 'ChunkAlreadyProven' })
    }
    expect((await heads()).finalizedBatches).toBe(b6.number)
    expect(await a.source.next()).toBeUndefined()
    expect(await b.source.next()).toBeUndefined()
    expect(b.source.idle).toMatch(/every committed chunk is proven/)
    await close(a)
    await close(b)
  }, 120_000)

  it('never offers a rejected batch; after L1 reverts batches, proves the ones committed again under the same numbers', async () => {
    const a = await prover({ wallet: 6, storePath: join(dir, 'a.sqlite') })
    // a batch whose transactions the sequencer numbered otherwise: the node applies it (the
    // tx-list commitment is a warning for it), but the chunk cannot be rebuilt as L1 recorded it
    const seq = driver.seq
    driver.seq += 100n
    let odd = driver.buildChunks({ txs: driver.randomTxs(r, 6) })
    driver.seq = seq
    while (odd.chunks[0]!.txCount === 0) {
      driver.seq += 100n
      odd = driver.buildChunks({ txs: driver.randomTxs(r, 6) })
      driver.seq = seq
    }
    const oddBatch = await driver.commit({ built: odd, da: 'calldata', claims: chunkClaims({ chunks: odd.chunks, queueStart: odd.queueStart }) })
    expect(await a.source.next()).toBeUndefined()
    expect(a.source.idle).toMatch(new RegExp(`batch ${oddBatch.number} chunk 0: public input 5 rebuilt as`))
    expect(a.logs.some((l) => l.startsWith('error cannot rebuild this chunk as L1 recorded it'))).toBe(true)
    await driver.revertFrom(oddBatch.number)

    // a batch with a wrong state-root claim: the node rejects it, nothing is offered
    await driver.queue(driver.randomQueueOp(r))
    const bad = driver.buildChunks({ txs: driver.randomTxs(r, 3) })
    const claims = chunkClaims({ chunks: bad.chunks, queueStart: bad.queueStart })
    claims[0] = { ...claims[0]!, newStateRoot: claims[0]!.newStateRoot + 1n }
    const badBatch = await driver.commit({ built: bad, da: 'blob', claims })
    expect(await a.source.next()).toBeUndefined()
    expect(a.source.idle).toMatch(new RegExp(`batch ${badBatch.number} is rejected`))
    await driver.revertFrom(badBatch.number)

    // a good batch the driver does not keep: a job is built for it, then L1 reverts it
    const good = driver.buildChunks({ txs: driver.randomTxs(r, 4) })
    const dropped = await driver.commit({ built: good, da: 'calldata', claims: chunkClaims({ chunks: good.chunks, queueStart: good.queueStart }) })
    expect(dropped.number).toBe(badBatch.number)
    const stale = await a.source.next()
    expect(stale?.batch).toBe(dropped.number)
    expect(stale?.chunk.publicInputs).toEqual(good.chunks[0]!.publicInputs)
    await driver.revertFrom(dropped.number)

    // the batch committed again under that number is what gets proven
    const b7 = await commitRandom({ da: 'blob', txs: 7, queueOps: 1 })
    expect(b7.number).toBe(dropped.number)
    expect(b7.chunks[0]!.publicInputs).not.toEqual(good.chunks[0]!.publicInputs)
    const jobs = await drain(a)
    expect(jobs).toEqual(b7.chunks.map((_, k) => `${b7.number}:${k}`))
    expect((await heads()).finalizedBatches).toBe(b7.number)
    expect(await driver.finalizedRoot()).toBe(driver.state.root)
    await close(a)
  }, 120_000)
})
