import { describe, expect, it } from 'vitest'
import { QUEUE_KIND } from '../../protocol/index.ts'
import { queueEntryToJson } from '../store/queueCodec.ts'
import type { Store, StoredTx } from '../store/Store.ts'

type QueueRow = ReturnType<Store['queueFrom']>[number]
import { readLogItems, type LogItem } from './readLogItems.ts'

/** A log in memory: transactions 1..nTx, queue entries each logged after transaction `afterSeq`. */
function memoryLog(nTx: number, queueAfter: number[]) {
  const txs: StoredTx[] = Array.from({ length: nTx }, (_, i) => ({ seq: i + 1, hash: new Uint8Array(32), signed: {} as StoredTx['signed'], acceptedMs: 0, l1Deadline: 0 }))
  const deposit = { kind: QUEUE_KIND.DEPOSIT, sender: 0x1234n, toIndex: 0n, tokenId: 0n, amount: 10n, publicKey: { x: 1n, y: 2n } } as const
  const queue: QueueRow[] = queueAfter.map((afterSeq, position) => ({ position, afterSeq, entry: queueEntryToJson({ ...deposit, amount: BigInt(position + 1) }) }))
  return {
    store: {
      txRange: (first: number, count: number) => txs.filter((t) => t.seq >= first && t.seq < first + count),
      queueFrom: (position: number, limit: number) => queue.filter((r) => r.position >= position).slice(0, limit),
    },
    /** The whole log in order, as `kind:number` labels. */
    order: (): string[] => {
      const out: string[] = []
      let q = 0
      for (const t of txs) {
        while (q < queue.length && queue[q]!.afterSeq < t.seq) out.push(`q:${q++}`)
        out.push(`t:${t.seq}`)
      }
      while (q < queue.length) out.push(`q:${q++}`)
      return out
    },
  }
}

const label = (i: LogItem): string => (i.kind === 'queue' ? `q:${i.position}` : `t:${i.seq}`)

/** Reads the whole log in rounds of `limit`, as the batcher does, advancing both cursors. */
function readAll(log: ReturnType<typeof memoryLog>, limit: number): string[] {
  const out: string[] = []
  let queue = 0
  let seq = 1
  for (let round = 0; round < 10_000; round++) {
    const items = readLogItems({ store: log.store, queue, seq, limit, now: 0 })
    if (items.length === 0) break
    for (const i of items) {
      out.push(label(i))
      if (i.kind === 'queue') queue = i.position + 1
      else seq = i.seq + 1
    }
  }
  return out
}

describe('readLogItems', () => {
  it('keeps log order when more entries than the read limit wait before a transaction', () => {
    // 10 entries before transaction 1, then 3 transactions, 2 entries after the first.
    const log = memoryLog(3, [...Array(10).fill(0), 1, 1])
    expect(readAll(log, 4)).toEqual(log.order())
  })

  it('keeps log order on random logs for every read limit', () => {
    let seed = 7
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    for (let trial = 0; trial < 50; trial++) {
      const nTx = rand(20)
      const after = Array.from({ length: rand(25) }, () => rand(nTx + 1)).sort((a, b) => a - b)
      const log = memoryLog(nTx, after)
      for (const limit of [1, 2, 3, 5, 64]) expect(readAll(log, limit)).toEqual(log.order())
    }
  })
})
