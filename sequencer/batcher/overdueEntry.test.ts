import { describe, expect, it } from 'vitest'
import { batchFromRow, batchToRow, type BatchRecord } from './BatchRecord.ts'
import { commitKey } from './commitKey.ts'
import { overdueEntry, overdueFromError } from './overdueEntry.ts'

const chunk = { queueStart: 0, queueCount: 2, firstSeq: 1, txCount: 1, feeAccounts: [], publicInputs: [1n], exits: [] }
const record = { number: 3, queueStart: 0, queueEnd: 2, chunks: [chunk] }
/** Entry 2 added at t=1000, delay 60: L1 refuses from a block at 1061 on; a latest block at 1060 means the next one refuses. */
const base = { record, l1Committed: 2, maxChunksPerBatch: 4, nQueue: 2, l1QueueLength: 3, entryTime: 1000, l1Time: 1060, inclusionDelay: 60, margin: 0 }

describe('overdueEntry', () => {
  it('names the first entry not consumed once L1 time reaches its deadline', () => {
    expect(overdueEntry(base)).toEqual({ position: 2, timestamp: 1000 })
    expect(overdueEntry({ ...base, l1Time: 1059 })).toBeUndefined()
  })

  it('counts the margin ahead of L1 time', () => {
    expect(overdueEntry({ ...base, l1Time: 1050, margin: 10 })).toEqual({ position: 2, timestamp: 1000 })
    expect(overdueEntry({ ...base, l1Time: 1049, margin: 10 })).toBeUndefined()
  })

  it('is undefined when L1 holds the batch already', () => {
    expect(overdueEntry({ ...base, l1Committed: 3 })).toBeUndefined()
  })

  it('is undefined when L1 has no entry after the batch', () => {
    expect(overdueEntry({ ...base, l1QueueLength: 2 })).toBeUndefined()
  })

  it('is undefined for a full-capacity batch (every chunk, every queue slot), and not for one with a free slot', () => {
    const full = { ...record, queueEnd: 8, chunks: [chunk, chunk, chunk, chunk] }
    expect(overdueEntry({ ...base, record: full, l1QueueLength: 9 })).toBeUndefined()
    expect(overdueEntry({ ...base, record: { ...full, queueEnd: 7 }, l1QueueLength: 9 })).toEqual({ position: 7, timestamp: 1000 })
    expect(overdueEntry({ ...base, record: { ...full, chunks: full.chunks.slice(1) }, l1QueueLength: 9 })).toEqual({ position: 8, timestamp: 1000 })
  })

  it('is undefined while the entry time is unknown', () => {
    expect(overdueEntry({ ...base, entryTime: undefined })).toBeUndefined()
  })
})

describe('overdueFromError', () => {
  const word = (n: number): string => n.toString(16).padStart(64, '0')
  it('decodes QueueEntryOverdue from data along the cause chain and from a node message', () => {
    const inner = Object.assign(new Error('RPC Request failed.'), { data: `0x9fd3863e${word(5)}${word(1234)}` })
    expect(overdueFromError(new Error('outer', { cause: inner }))).toEqual({ position: 5, timestamp: 1234 })
    expect(overdueFromError(Object.assign(new Error('x'), { details: `execution reverted: custom error 0x9fd3863e: ${word(7)}${word(99)}` }))).toEqual({ position: 7, timestamp: 99 })
  })
  it('is undefined for another revert', () => {
    expect(overdueFromError(Object.assign(new Error('x'), { data: `0x12345678${word(5)}${word(1)}` }))).toBeUndefined()
    expect(overdueFromError(undefined)).toBeUndefined()
  })
})

describe('commitKey and the attempt of a record', () => {
  it('keeps the old key for attempt 0 and a new one per generation', () => {
    expect(commitKey({ number: 7, attempt: 0 })).toBe('commit:batch:7')
    expect(commitKey({ number: 7, attempt: 2 })).toBe('commit:batch:7:2')
  })
  it('reads a stored row without the field as attempt 0 and keeps a set one', () => {
    const r: BatchRecord = { number: 1, status: 'sealed', queueStart: 0, queueEnd: 2, firstSeq: 1, txCount: 1, stateRoot: 5n, chunks: [chunk], sealedMs: 1, l1: undefined, attempt: 3 }
    const row = batchToRow(r)
    expect(batchFromRow(row)).toEqual(r)
    const old = JSON.parse(row.record) as Record<string, unknown>
    delete old.attempt
    expect(batchFromRow({ ...row, record: JSON.stringify(old) }).attempt).toBe(0)
  })
})
