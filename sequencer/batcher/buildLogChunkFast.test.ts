import { describe, expect, it } from 'vitest'
import { calldataBatchData, chunkClaims } from '../../l1-contracts/index.ts'
import { RollupState, type Chunk, type ChunkParams } from '../../protocol/index.ts'
import { prng, testWorld } from '../../protocol/transition/testWorld.ts'
import { L1Error } from '../errors/index.ts'
import { buildLogChunk } from './buildLogChunk.ts'
import { buildLogChunkFast } from './buildLogChunkFast.ts'
import { cutChunk } from './cutChunk.ts'
import { deferredBase } from './deferredBase.ts'
import type { LogItem } from './readLogItems.ts'
import { randomLog } from '../testing/randomLog.ts'

const P: ChunkParams = { depth: 6, nTx: 6, nQueue: 3, nFee: 2 }
const w = testWorld({ users: 5 })

/** What a commit and the batch record take from a chunk (everything but the witnesses). */
function committed(c: Chunk) {
  return {
    publicInputs: c.publicInputs,
    roots: [c.oldStateRoot, c.newStateRoot, c.oldAccountRoot, c.oldNextIndex, c.oldQueueHash, c.newQueueHash],
    data: c.data,
    dataElements: c.dataElements,
    dataCommitment: c.dataCommitment,
    blob: c.blob,
    exits: c.exits,
    exitLeaves: c.exitLeaves,
    txList: [c.firstSeq, c.txCount, c.txListRoot, c.txListCommitment],
    txListLeaves: c.txListLeaves,
    queueOutcomes: c.queueOutcomes,
    txOutcomes: c.txOutcomes,
    feeTotals: c.feeTotals,
  }
}

describe('buildLogChunkFast', () => {
  it('gives the chunks, records and commit bytes of buildLogChunk (protocol buildChunk) on random logs', () => {
    let chunks = 0
    let full = 0
    let exits = 0
    for (let seed = 1; seed <= 12; seed++) {
      const r = prng(seed)
      const feeAccounts = [1n, 2n]
      const { items } = randomLog({ r, w, params: P, length: 60, feeAccounts })
      const genesis = new RollupState({ depth: P.depth })
      const slow = genesis.fork()
      const fast = deferredBase({ genesis }).fork()
      let buffer = items
      let queuePos = 0
      let startHash = 0n
      let nextSeq = 1
      const built: { slow: Chunk; fast: Chunk }[] = []
      while (buffer.length > 0) {
        const cut = cutChunk({ items: buffer, params: P, final: true })!
        const args = { params: P, domain: w.domain, cut, queuePos, startHash, nextSeq, feeAccounts }
        const a = buildLogChunk({ state: slow, ...args })
        const b = buildLogChunkFast({ state: fast, ...args })
        expect(b.txCount).toBe(a.txCount)
        expect(b.record).toEqual(a.record)
        expect(committed(b.chunk)).toEqual(committed(a.chunk))
        a.chunk.state.commit()
        b.chunk.state.commit()
        built.push({ slow: a.chunk, fast: b.chunk })
        if (a.txCount < cut.txs.length) full++
        exits += a.chunk.exits.length
        chunks++
        buffer = buffer.slice(cut.queue.length + a.txCount)
        queuePos += cut.queue.length
        nextSeq += a.txCount
        startHash = a.chunk.newQueueHash
      }
      expect(fast.root).toBe(slow.root)
      // The bytes a commit sends, batch by batch of 3 chunks.
      for (let k = 0; k < built.length; k += 3) {
        const group = built.slice(k, k + 3)
        expect(calldataBatchData({ params: P, chunks: group.map((g) => g.fast.data) })).toBe(calldataBatchData({ params: P, chunks: group.map((g) => g.slow.data) }))
        expect(chunkClaims({ chunks: group.map((g) => g.fast), queueStart: 0n })).toEqual(chunkClaims({ chunks: group.map((g) => g.slow), queueStart: 0n }))
      }
    }
    // The random logs exercised what matters: many chunks, a tail that did not fit, exits.
    expect(chunks).toBeGreaterThan(60)
    expect(full).toBeGreaterThan(0)
    expect(exits).toBeGreaterThan(0)
  })

  it('refuses, like buildLogChunk, a logged transaction that does not apply', () => {
    const r = prng(7)
    const { items } = randomLog({ r, w, params: P, length: 30, feeAccounts: [1n] })
    const genesis = new RollupState({ depth: P.depth })
    // Drop the queue entries: the transactions' senders do not exist.
    const cut = cutChunk({ items: items.filter((i) => i.kind === 'tx'), params: P, final: true })!
    const args = { params: P, domain: w.domain, cut, queuePos: 0, startHash: 0n, nextSeq: cut.txs[0]!.seq, feeAccounts: [1n] }
    const err = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        return e
      }
      return undefined
    }
    const slow = err(() => buildLogChunk({ state: genesis.fork(), ...args }))
    const fast = err(() => buildLogChunkFast({ state: deferredBase({ genesis }).fork(), ...args }))
    expect(slow).toBeInstanceOf(L1Error)
    expect(fast).toBeInstanceOf(L1Error)
    expect((fast as L1Error).code).toBe('PRECONFIRMATION_BROKEN')
    expect((fast as L1Error).code).toBe((slow as L1Error).code)
  })

  it('refuses a transaction whose logged hash is not the one it applies as', () => {
    const r = prng(3)
    const feeAccounts = [1n, 2n]
    const { items } = randomLog({ r, w, params: P, length: 30, feeAccounts })
    const first = items.findIndex((i) => i.kind === 'tx')
    const tampered = items.map((i, k) => (k === first && i.kind === 'tx' ? { ...i, tx: { ...i.tx, hash: new Uint8Array(32).fill(9) } } : i))
    const build = (log: LogItem[]): number => {
      const state = deferredBase({ genesis: new RollupState({ depth: P.depth }) }).fork()
      let buffer = log
      let queuePos = 0
      let startHash = 0n
      let nextSeq = 1
      let n = 0
      while (buffer.length > 0) {
        const cut = cutChunk({ items: buffer, params: P, final: true })!
        const b = buildLogChunkFast({ state, params: P, domain: w.domain, cut, queuePos, startHash, nextSeq, feeAccounts })
        b.chunk.state.commit()
        buffer = buffer.slice(cut.queue.length + b.txCount)
        queuePos += cut.queue.length
        nextSeq += b.txCount
        startHash = b.chunk.newQueueHash
        n++
      }
      return n
    }
    expect(build(items)).toBeGreaterThan(1)
    expect(() => build(tampered)).toThrow(/another hash/)
  })
})
