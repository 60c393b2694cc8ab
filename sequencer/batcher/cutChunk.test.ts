import { describe, expect, it } from 'vitest'
import { QUEUE_KIND, TEST_PARAMS, type QueueEntry } from '../../protocol/index.ts'
import type { StoredTx } from '../store/Store.ts'
import { cutChunk } from './cutChunk.ts'
import type { LogItem } from './readLogItems.ts'

const entry: QueueEntry = { kind: QUEUE_KIND.FORCED_WITHDRAW, sender: 1n, from: 1n, amount: 1n }
const q = (position: number): LogItem => ({ kind: 'queue', position, entry, origin: undefined, seenMs: 0 })
const t = (seq: number): LogItem => ({ kind: 'tx', seq, tx: { seq } as StoredTx })
const shape = (c: ReturnType<typeof cutChunk>): string | undefined => c && [...c.queue.map((x) => `q${x.position}`), ...c.txs.map((x) => `t${x.seq}`)].join(' ')

// TEST_PARAMS: nQueue 2, nTx 4.
describe('cutChunk', () => {
  it('queue entries logged after a transaction start a new chunk', () => {
    expect(shape(cutChunk({ items: [t(1), t(2), q(0), t(3)], params: TEST_PARAMS, final: false }))).toBe('t1 t2')
    expect(shape(cutChunk({ items: [q(0), t(3)], params: TEST_PARAMS, final: true }))).toBe('q0 t3')
  })

  it('takes up to nQueue entries, and transactions only after the whole run of entries', () => {
    expect(shape(cutChunk({ items: [q(0), q(1), q(2), t(1)], params: TEST_PARAMS, final: false }))).toBe('q0 q1')
    expect(shape(cutChunk({ items: [q(0), q(1), t(1), t(2), t(3), t(4), t(5)], params: TEST_PARAMS, final: false }))).toBe('q0 q1 t1 t2 t3 t4')
  })

  it('leaves an open tail unless final', () => {
    expect(cutChunk({ items: [q(0), t(1), t(2)], params: TEST_PARAMS, final: false })).toBeUndefined()
    expect(cutChunk({ items: [q(0)], params: TEST_PARAMS, final: false })).toBeUndefined()
    expect(shape(cutChunk({ items: [q(0), t(1), t(2)], params: TEST_PARAMS, final: true }))).toBe('q0 t1 t2')
    expect(cutChunk({ items: [], params: TEST_PARAMS, final: true })).toBeUndefined()
  })
})
