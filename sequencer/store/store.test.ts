import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { privateKeyToAddress } from 'viem/accounts'
import { afterEach, describe, expect, it } from 'vitest'
import { QUEUE_KIND, TX_TYPE, type SignedL2Tx } from '../../protocol/index.ts'
import { StoreError } from '../errors/index.ts'
import { preconfirmationProof, signPreconfirmationGroup, verifyPreconfirmation, type SignedPreconfirmation } from '../preconf/index.ts'
import { batchWriter } from './batchWriter.ts'
import { Journal } from './Journal.ts'
import { openDatabase } from './openDatabase.ts'
import { queueEntryFromJson, queueEntryToJson } from './queueCodec.ts'
import type { CommitResult, GroupProof, TxRow, WriteBatch } from './rows.ts'
import { Store, type StoreDeployment } from './Store.ts'
import { StoreWriter } from './StoreWriter.ts'
import { resignGroups, storedPreconfirmation } from './storedPreconfirmation.ts'
import { decodeSignedTx, encodeSignedTx } from './txCodec.ts'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
const signer = { key: KEY, chainId: 31337n, rollup: '0x5fbdb2315678afecb367f032d93f642f64180aa3' } as const

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
const row = (seq: number): TxRow => ({
  seq,
  hash: Buffer.alloc(32, seq),
  body: encodeSignedTx(signedTx(seq)),
  acceptedMs: 1_700_000_000_000 + seq,
  l1Deadline: 1_700_003_600 + seq,
})
const hex = (b: Uint8Array): `0x${string}` => `0x${Buffer.from(b).toString('hex')}`
const signedOf = (r: TxRow, g: GroupProof): SignedPreconfirmation => ({
  ...signer,
  sequence: BigInt(r.seq),
  txHash: hex(r.hash),
  l1Deadline: BigInt(r.l1Deadline),
  firstSequence: BigInt(g.firstSeq),
  count: BigInt(g.count),
  root: hex(g.root),
  proof: g.proof.map(hex),
  signature: hex(g.signature),
})
const SEQUENCER = privateKeyToAddress(KEY)
const norm = (g: GroupProof | undefined) => g && { ...g, root: hex(g.root), signature: hex(g.signature), proof: g.proof.map(hex) }

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
    const writer = await StoreWriter.start({ path, synchronous: 'FULL', signer })
    const journal = new Journal({ sink: writer, heads: { seq: 0, queue: 0, block: 0 } })
    const deposit = { kind: QUEUE_KIND.DEPOSIT, sender: 0x1234n, toIndex: 0n, tokenId: 0n, amount: 10n, publicKey: { x: 1n, y: 2n } } as const
    journal.appendQueue({ position: 0, afterSeq: 0, entry: queueEntryToJson(deposit) })
    const waits: Promise<GroupProof>[] = []
    for (let seq = 1; seq <= 100; seq++) {
      journal.appendTx(row(seq))
      waits.push(journal.waitTx(seq))
      if (seq === 1) await waits[0] // 1 goes out alone, 2..100 gather in one turn
    }
    journal.appendQueue({ position: 1, afterSeq: 100, entry: queueEntryToJson({ ...deposit, amount: 11n }) })
    const proofs = await Promise.all(waits)
    // Every answer is a valid promise by the sequencer, in the group of its commit.
    for (let seq = 1; seq <= 100; seq++) expect(await verifyPreconfirmation({ signed: signedOf(row(seq), proofs[seq - 1]!), sequencer: SEQUENCER })).toBe(true)
    expect(proofs[0]).toMatchObject({ firstSeq: 1, count: 1 })
    expect(proofs[1]).toMatchObject({ firstSeq: 2, count: 99 })
    expect(proofs[1]!.proof).toHaveLength(7)
    expect(journal.groupSignature(2)).toEqual(proofs[1]!.signature) // signed, not yet written
    await expect(journal.waitTx(5)).rejects.toThrow('durable already')
    journal.appendBlock({ number: 1, hash: Buffer.alloc(32, 1), parentHash: Buffer.alloc(32), timestamp: 1001, firstSeq: 1, txCount: 100, txRoot: Buffer.alloc(32, 3) })
    await journal.settle()
    expect(journal.stats.commits).toBeGreaterThanOrEqual(1)
    expect(journal.stats.commits).toBeLessThanOrEqual(3) // 100 transactions in a few commits, not 100
    expect(journal.durable).toEqual({ seq: 100, queue: 2, block: 1 })

    expect(store.headSeq()).toBe(100)
    expect(store.queueLength()).toBe(2)
    expect(store.txBySeq(7)!.signed).toEqual(signedTx(7))
    expect(store.txByHash(Buffer.alloc(32, 9))!.seq).toBe(9)
    // The group signatures followed in a later commit; the store gives the same answers.
    expect(store.unsignedGroups()).toEqual([])
    expect(store.groupOf(50)).toEqual({ firstSeq: 2, count: 99, signature: Buffer.from(proofs[1]!.signature) })
    expect(() => store.checkGroups(100)).not.toThrow()
    for (const seq of [1, 2, 50, 100]) expect(norm(storedPreconfirmation({ store, seq, signer }))).toEqual(norm(proofs[seq - 1]))
    expect(storedPreconfirmation({ store, seq: 101, signer })).toBeUndefined()
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
    const writer = await StoreWriter.start({ path, synchronous: 'NORMAL', signer })
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

  it('sends the next group without waiting for the commit in flight, and answers merged commits from their one group (fake sink)', async () => {
    const written: WriteBatch[] = []
    const releases: ((merged: WriteBatch[]) => void)[] = []
    const sink = {
      write: (b: WriteBatch) =>
        new Promise<CommitResult>((resolve) => {
          written.push(b)
          // What the writer thread does: commits that queued are answered with the group of all their transactions.
          releases.push((merged) => {
            const entries = merged.flatMap((m) => m.txs).map((t) => ({ sequence: t.seq, txHash: t.hash, l1Deadline: t.l1Deadline }))
            const g = signPreconfirmationGroup({ privateKey: KEY, chainId: 31337n, rollup: signer.rollup, entries })
            resolve({ ms: 1, signMs: 0, group: { firstSeq: g.firstSequence, count: g.count, signature: g.signature, levels: g.levels }, merged: merged.indexOf(b) > 0 })
          })
        }),
    }
    const journal = new Journal({ sink, heads: { seq: 0, queue: 0, block: 0 } })
    journal.appendTx(row(1))
    await new Promise((r) => setImmediate(r))
    expect(written).toHaveLength(1)
    for (let s = 2; s <= 50; s++) journal.appendTx(row(s))
    const waited = journal.waitTx(50)
    const waited3 = journal.waitTx(3)
    await new Promise((r) => setImmediate(r))
    expect(written).toHaveLength(2) // not held back by the commit in flight
    expect(written[1]!.txs.map((t) => t.seq)).toEqual(Array.from({ length: 49 }, (_, i) => i + 2))
    for (let s = 51; s <= 60; s++) journal.appendTx(row(s))
    const waited60 = journal.waitTx(60)
    await new Promise((r) => setImmediate(r))
    expect(written).toHaveLength(3)
    // The writer merged the three commits into one group 1..60.
    for (const release of releases) release(written)
    for (const p of [await waited, await waited3, await waited60]) expect(p).toMatchObject({ firstSeq: 1, count: 60 })
    expect(journal.durable.seq).toBe(60)
    expect(journal.stats).toMatchObject({ commits: 1, groups: 1, maxGroup: 60 })
    // Its signature is written once, with the next commit.
    journal.appendTx(row(61))
    await new Promise((r) => setImmediate(r))
    expect(written).toHaveLength(4)
    expect(written[3]!.signatures.map((x) => x.firstSeq)).toEqual([1])
  })

  it('the writer thread merges commits that queue while it is busy into one durable, signed group', async () => {
    const path = tempDb()
    const store = Store.open({ path, synchronous: 'FULL', deployment, genesisTimestamp: 1000 })
    const writer = await StoreWriter.start({ path, synchronous: 'FULL', signer })
    const answers = Array.from({ length: 40 }, (_, i) => writer.write({ txs: [row(i + 1)], signatures: [], queue: [], blocks: [] }))
    const results = await Promise.all(answers)
    const groups = new Set(results.map((r) => r.group!.firstSeq))
    expect(groups.size).toBeLessThan(40) // sent back to back, they share commits
    for (const [i, r] of results.entries()) {
      const g = r.group!
      expect(g.firstSeq).toBeLessThanOrEqual(i + 1)
      expect(g.firstSeq + g.count).toBeGreaterThan(i + 1)
      const p = { firstSeq: g.firstSeq, count: g.count, root: g.levels.at(-1)![0]!, signature: g.signature, proof: preconfirmationProof({ levels: g.levels, index: i + 1 - g.firstSeq }) }
      expect(await verifyPreconfirmation({ signed: signedOf(row(i + 1), p), sequencer: SEQUENCER })).toBe(true)
    }
    // On disk: the same groups (boundaries durable, signatures not yet written), covering 1..40.
    expect(store.headSeq()).toBe(40)
    const onDisk = store.unsignedGroups()
    expect(onDisk.map((g) => g.firstSeq)).toEqual([...groups].sort((a, b) => a - b))
    expect(onDisk.reduce((n, g) => n + g.count, 0)).toBe(40)
    await writer.close()
    store.close()
  })

  it('the group signer thread signs each group while the writer commits it; once it is gone, the writer signs on its own', async () => {
    const path = tempDb()
    const store = Store.open({ path, synchronous: 'FULL', deployment, genesisTimestamp: 1000 })
    const writer = await StoreWriter.start({ path, synchronous: 'FULL', signer })
    const check = async (seq: number, by: 'signer' | 'writer'): Promise<void> => {
      const r = await writer.write({ txs: [row(seq)], signatures: [], queue: [], blocks: [] })
      expect(r.signedBy).toBe(by)
      expect(r.signWorkMs).toBeGreaterThan(0) // the signing time is reported from whichever thread signed
      const g = r.group!
      expect(g).toMatchObject({ firstSeq: seq, count: 1 })
      const p = { firstSeq: seq, count: 1, root: g.levels.at(-1)![0]!, signature: g.signature, proof: preconfirmationProof({ levels: g.levels, index: 0 }) }
      expect(await verifyPreconfirmation({ signed: signedOf(row(seq), p), sequencer: SEQUENCER })).toBe(true)
    }
    await check(1, 'signer')
    await check(2, 'signer')
    // The signer thread dies (failure injection: its handle is private).
    await (writer as unknown as { groupSigner: { terminate(): Promise<number> } }).groupSigner.terminate()
    await new Promise((r) => setTimeout(r, 50))
    await check(3, 'writer')
    expect(store.headSeq()).toBe(3)
    const empty = await writer.write({ txs: [], signatures: [], queue: [], blocks: [] })
    expect(empty.group).toBeNull()
    expect(empty.signedBy).toBeUndefined()
    expect(empty.signWorkMs).toBe(0)
    await writer.close()
    store.close()
  })

  it('a crash after a commit and before its signature is written: the same group is signed again at start, identically', async () => {
    const path = tempDb()
    const store = Store.open({ path, synchronous: 'FULL', deployment })
    // What the writer thread made durable before the crash: two groups, no signatures.
    const db = openDatabase({ path, synchronous: 'FULL' })
    const write = batchWriter(db)
    const groups = [[1, 2, 3], [4, 5, 6, 7, 8]].map((seqs) => seqs.map(row))
    for (const txs of groups) write({ txs, signatures: [], queue: [], blocks: [] })
    db.close()
    // What the clients were answered before the crash.
    const answered = groups.map((txs) => signPreconfirmationGroup({ privateKey: KEY, chainId: 31337n, rollup: signer.rollup, entries: txs.map((t) => ({ sequence: t.seq, txHash: t.hash, l1Deadline: t.l1Deadline })) }))
    expect(store.unsignedGroups().map((g) => g.firstSeq)).toEqual([1, 4])
    expect(resignGroups({ store, head: 8, signer })).toBe(2)
    expect(store.unsignedGroups()).toEqual([])
    expect(store.groupOf(5)!.signature).toEqual(Buffer.from(answered[1]!.signature))
    const p = storedPreconfirmation({ store, seq: 6, signer })!
    expect(hex(p.signature)).toBe(hex(answered[1]!.signature))
    expect(await verifyPreconfirmation({ signed: signedOf(row(6), p), sequencer: SEQUENCER })).toBe(true)
    expect(resignGroups({ store, head: 8, signer })).toBe(0)
    // Groups that do not cover the log exactly once are refused.
    expect(() => store.checkGroups(9)).toThrow(/do not cover transactions 1..9 exactly once/)
    store.db.prepare('DELETE FROM groups WHERE first_seq = 1').run()
    expect(() => resignGroups({ store, head: 8, signer })).toThrow(StoreError)
    store.close()
  })

  it('upgrades a version 1 or 2 store (one signature per transaction): each transaction becomes a group of one, signed at start', async () => {
    for (const version of [1, 2]) {
      const path = tempDb()
      const old = new Database(path)
      old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE txs (seq INTEGER PRIMARY KEY, hash BLOB NOT NULL, body BLOB NOT NULL, accepted_ms INTEGER NOT NULL, l1_deadline INTEGER NOT NULL, signature BLOB);
        CREATE UNIQUE INDEX txs_by_hash ON txs(hash);
        CREATE INDEX txs_unsigned ON txs(seq) WHERE signature IS NULL;
        PRAGMA user_version = ${version};`)
      const ins = old.prepare('INSERT INTO txs VALUES (?, ?, ?, ?, ?, ?)')
      for (const seq of [1, 2, 3]) ins.run(seq, row(seq).hash, row(seq).body, row(seq).acceptedMs, row(seq).l1Deadline, Buffer.alloc(65, 1))
      old.close()
      const store = Store.open({ path, synchronous: 'FULL', deployment })
      expect(store.db.pragma('user_version', { simple: true })).toBe(3)
      expect(store.txBySeq(2)!.signed).toEqual(signedTx(2))
      expect(resignGroups({ store, head: 3, signer })).toBe(3)
      const p = storedPreconfirmation({ store, seq: 2, signer })!
      expect(p).toMatchObject({ firstSeq: 2, count: 1, proof: [] })
      expect(await verifyPreconfirmation({ signed: signedOf(row(2), p), sequencer: SEQUENCER })).toBe(true)
      store.close()
    }
  })
})
