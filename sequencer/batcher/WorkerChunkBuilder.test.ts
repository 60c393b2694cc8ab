import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RollupState, type ChunkParams } from '../../protocol/index.ts'
import { prng, testWorld } from '../../protocol/transition/testWorld.ts'
import { L1Error } from '../errors/index.ts'
import { randomLog } from '../testing/randomLog.ts'
import type { BuiltChunk, ChunkBuilder } from './ChunkBuilder.ts'
import { cutChunk } from './cutChunk.ts'
import { LocalChunkBuilder } from './LocalChunkBuilder.ts'
import type { LogItem } from './readLogItems.ts'
import { WorkerChunkBuilder } from './WorkerChunkBuilder.ts'

const P: ChunkParams = { depth: 6, nTx: 6, nQueue: 3, nFee: 2 }
const w = testWorld({ users: 5 })
const feeAccounts = [1n, 2n]

/** Builds every chunk of `items` as the batcher does, sealing a batch every `perBatch` chunks; returns the records and each batch's payload. */
async function batchAll(builder: ChunkBuilder, items: LogItem[], perBatch: number) {
  let buffer = items
  let queuePos = 0
  let startHash = 0n
  let nextSeq = 1
  let batch: BuiltChunk[] = []
  let batchQueueStart = 0
  const out: { records: BuiltChunk['record'][]; payload: unknown }[] = []
  const seal = async (): Promise<void> => {
    await builder.seal()
    const ids = batch.map((b) => b.id)
    out.push({ records: batch.map((b) => b.record), payload: await builder.payload({ ids, queueStart: batchQueueStart }) })
    await builder.release(ids)
    batch = []
    batchQueueStart = queuePos
  }
  while (buffer.length > 0) {
    const cut = cutChunk({ items: buffer, params: P, final: true })!
    const b = await builder.build({ cut, queuePos, startHash, nextSeq, feeAccounts })
    batch.push(b)
    buffer = buffer.slice(cut.queue.length + b.txCount)
    queuePos += cut.queue.length
    nextSeq += b.txCount
    startHash = b.newQueueHash
    if (batch.length === perBatch) await seal()
  }
  if (batch.length > 0) await seal()
  return out
}

describe('WorkerChunkBuilder', () => {
  const genesis = new RollupState({ depth: P.depth })
  let worker: WorkerChunkBuilder
  beforeAll(async () => {
    worker = await WorkerChunkBuilder.start({ genesis, params: P, domain: w.domain })
  })
  afterAll(async () => {
    await worker.close()
  })

  it('builds the same chunks and commit payloads in its thread as LocalChunkBuilder', async () => {
    const { items } = randomLog({ r: prng(11), w, params: P, length: 40, feeAccounts })
    const local = new LocalChunkBuilder({ genesis, params: P, domain: w.domain })
    const there = await batchAll(worker, items, 4)
    const here = await batchAll(local, items, 4)
    expect(there.length).toBeGreaterThan(1)
    expect(there).toEqual(here)
    expect(local.heldCount).toBe(0)
  })

  it('gives back a broken preconfirmation as the critical L1Error it is', async () => {
    const { items } = randomLog({ r: prng(12), w, params: P, length: 30, feeAccounts })
    await worker.reset()
    // A logged transaction from an account that does not exist (the last index of the tree).
    const txs = items.filter((i) => i.kind === 'tx').map((i) => ({ ...i, tx: { ...i.tx, signed: { ...i.tx.signed, tx: { ...i.tx.signed.tx, from: 2n ** BigInt(P.depth) - 1n } } } }))
    const cut = cutChunk({ items: txs, params: P, final: true })!
    const e = await worker.build({ cut, queuePos: 0, startHash: 0n, nextSeq: cut.txs[0]!.seq, feeAccounts }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(L1Error)
    expect((e as L1Error).code).toBe('PRECONFIRMATION_BROKEN')
    expect((e as L1Error).severity).toBe('critical')
  })
})
