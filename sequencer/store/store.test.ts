import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { QUEUE_KIND, TX_TYPE, type SignedL2Tx } from '../../protocol/index.ts'
import { StoreError } from '../errors/index.ts'
import { Journal } from './Journal.ts'
import { queueEntryFromJson, queueEntryToJson } from './queueCodec.ts'
import type { TxRow, WriteBatch } from './rows.ts'
import { Store, type StoreDeployment } from './Store.ts'
import { StoreWriter } from './StoreWriter.ts'
import { decodeSignedTx, encodeSignedTx } from './txCodec.ts'

const deployment: StoreDeployment = { chainId: 31337n, rollupAddress: '0x5fbdb2315678afecb367f032d93f642f64180aa3', depth: 8, genesisRoot: 42n }
const dirs: string[] = []
const tempDb = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'cw-store-'))
  dirs.push(d)
  return join(d, 'seq.db')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const signedTx = (i: number): SignedL2Tx => ({
  tx: { type: TX_TYPE.TRANSFER, from: BigInt(1 + i), to: 2n, amount: BigInt(1000 + i), fee: 3n, nonce: BigInt(i) },
  signature: { R8: { x: BigInt(i) * 7n + 1n, y: (1n << 253n) + BigInt(i) }, S: 12345n + BigInt(i) },
})
const row = (seq: number, signature: Uint8Array | null = null): TxRow => ({
  seq,
  hash: Buffer.alloc(32, seq),
  body: encodeSignedTx(signedTx(seq)),
  acceptedMs: 1_700_000_000_000 + seq,
  l1Deadline: 1_700_003_600 + seq,
  signature,
})

describe('txCodec', () => {
  it('round-trips every transaction type at the field limits', () => {
    const max = (bits: number): bigint => (1n << BigInt(bits)) - 1n
    const sig = { R8: { x: max(254), y: 1n }, S: max(251) }
    const cases: SignedL2Tx[] = [
      { tx: { type: TX_TYPE.TRANSFER, from: max(32), to: max(32), amount: max(128), fee: max(128), nonce: max(40) }, signature: sig },
      { tx: { type: TX_TYPE.TRANSFER_TO_L1, from: 1n, toAddress: max(160), amount: 0n, fee: 0n, nonce: 0n }, signature: sig },
      { tx: { type: TX_TYPE.WITHDRAW, from: 5n, recipient: 0xabcn, amount: 7n, fee: 1n, nonce: 9n }, signature: sig },
    ]
    for (const c of cases) expect(decodeSignedTx(encodeSignedTx(c))).toEqual(c)
    expect(() => encodeSignedTx({ ...cases[0]!, tx: { ...cases[0]!.tx, nonce: 1n << 40n } })).toThrow('nonce')
    expect(() => decodeSignedTx(new Uint8Array(10))).toThrow('not an encoded transaction')
  })
})

describe('Store', () => {
  it('refuses a store of another deployment, naming the field', () => {
    const path = tempDb()
    Store.open({ path, synchronous: 'FULL', deployment }).close()
    expect(() => Store.open({ path, synchronous: 'FULL', deployment: { ...deployment, chainId: 1n } })).toThrow(/belongs to another deployment: its chainId is 31337, this sequencer's is 1/)
    try {
      Store.open({ path, synchronous: 'FULL', deployment: { ...deployment, genesisRoot: 43n } })
    } catch (e) {
      expect(e).toBeInstanceOf(StoreError)
      expect((e as StoreError).code).toBe('STORE_MISMATCH')
      expect((e as StoreError).severity).toBe('critical')
    }
  })

  it('writes group commits through the writer thread and reads them back in log order', async () => {
    const path = tempDb()
    const store = Store.open({ path, synchronous: 'FULL', deployment, genesisTimestamp: 1000 })
    expect(store.latestBlock()).toMatchObject({ number: 0, firstSeq: 1, txCount: 0, timestamp: 1000 })
    const writer = await StoreWriter.start({ path, synchronous: 'FULL' })
    const journal = new Journal({ sink: writer, heads: { seq: 0, queue: 0, block: 0 } })
    const deposit = { kind: QUEUE_KIND.DEPOSIT, sender: 0x1234n, toIndex: 0n, tokenId: 0n, amount: 10n, publicKey: { x: 1n, y: 2n } } as const
    journal.appendQueue({ position: 0, afterSeq: 0, entry: queueEntryToJson(deposit) })
    for (let seq = 1; seq <= 100; seq++) journal.appendTx(row(seq, seq % 2 ? Buffer.alloc(65, 9) : null))
    journal.appendQueue({ position: 1, afterSeq: 100, entry: queueEntryToJson({ ...deposit, amount: 11n }) })
    journal.setSignature(2, Buffer.alloc(65, 8)) // still buffered: goes into its row
    await journal.waitTx(100)
    journal.setSignature(4, Buffer.alloc(65, 7)) // already written: an update in a later commit
    journal.appendBlock({ number: 1, hash: Buffer.alloc(32, 1), parentHash: Buffer.alloc(32), timestamp: 1001, firstSeq: 1, txCount: 100, txRoot: Buffer.alloc(32, 3) })
    await journal.settle()
    expect(journal.stats.commits).toBeGreaterThanOrEqual(1)
    expect(journal.stats.commits).toBeLessThanOrEqual(3) // 100 transactions in a few commits, not 100
    expect(journal.durable).toEqual({ seq: 100, queue: 2, block: 1 })

    expect(store.headSeq()).toBe(100)
    expect(store.queueLength()).toBe(2)
    expect(store.txBySeq(7)!.signed).toEqual(signedTx(7))
    expect(store.txByHash(Buffer.alloc(32, 9))!.seq).toBe(9)
    expect(Buffer.from(store.txBySeq(2)!.signature!)).toEqual(Buffer.alloc(65, 8))
    expect(Buffer.from(store.txBySeq(4)!.signature!)).toEqual(Buffer.alloc(65, 7))
    expect(store.unsignedTxs().map((t) => t.seq)).toHaveLength(48)
    expect(store.blockOfSeq(50)!.number).toBe(1)
    expect(store.blockOfSeq(101)).toBeUndefined()

    const steps = [...store.replay()]
    expect(steps).toHaveLength(102)
    expect(steps[0]).toMatchObject({ kind: 'queue', row: { position: 0 } })
    expect(steps[101]).toMatchObject({ kind: 'queue', row: { position: 1 } })
    expect(queueEntryFromJson((steps[0] as { row: { entry: string } }).row.entry)).toEqual(deposit)
    await writer.close()
    store.close()
  })

  it('a failed commit is critical: waiters are rejected and no more rows are taken', async () => {
    const path = tempDb()
    const store = Store.open({ path, synchronous: 'NORMAL', deployment })
    const writer = await StoreWriter.start({ path, synchronous: 'NORMAL' })
    const journal = new Journal({ sink: writer, heads: { seq: 0, queue: 0, block: 0 } })
    journal.appendTx(row(1))
    await journal.waitTx(1)
    const dup = { ...row(2), hash: Buffer.alloc(32, 1) } // same hash as seq 1: UNIQUE violation
    journal.appendTx(dup)
    await expect(journal.waitTx(2)).rejects.toThrow(/group commit failed: UNIQUE constraint failed/)
    expect(journal.failed?.severity).toBe('critical')
    expect(() => journal.appendTx(row(3))).toThrow(StoreError)
    expect(store.headSeq()).toBe(1)
    await writer.close()
    store.close()
  })

  it('keeps commits in order and groups while one is in flight (fake sink)', async () => {
    const written: WriteBatch[] = []
    let release: (() => void) | undefined
    const sink = {
      write: (b: WriteBatch) =>
        new Promise<number>((resolve) => {
          written.push(b)
          release = () => resolve(1)
        }),
    }
    const journal = new Journal({ sink, heads: { seq: 0, queue: 0, block: 0 } })
    journal.appendTx(row(1))
    await new Promise((r) => setImmediate(r))
    expect(written).toHaveLength(1)
    for (let s = 2; s <= 50; s++) journal.appendTx(row(s))
    const waited = journal.waitTx(50)
    await new Promise((r) => setImmediate(r))
    expect(written).toHaveLength(1) // the group waits for the commit in flight
    release!()
    await new Promise((r) => setImmediate(r))
    expect(written).toHaveLength(2)
    expect(written[1]!.txs.map((t) => t.seq)).toEqual(Array.from({ length: 49 }, (_, i) => i + 2))
    release!()
    await waited
  })
})
