import { describe, expect, it } from 'vitest'
import { QUEUE_KIND, RECORD_TYPE, TX_TYPE } from '../constants.ts'
import { TEST_PARAMS, chunkLayout, type ChunkParams } from '../params.ts'
import { RollupState } from '../state/rollupState.ts'
import { computeRoot, denseProof } from '../state/merkleTree.ts'
import { hashAccount } from '../state/account.ts'
import { encodeBatchElements, decodeBatchElements, chunkFirstElement } from '../da/batchData.ts'
import { BLS_MODULUS } from '../blob/blsScalar.ts'
import { chunkShare } from '../blob/blobShare.ts'
import { bindChunkToBlob } from '../blob/bindBlob.ts'
import type { ChunkData } from '../da/chunkData.ts'
import { buildChunk, exitLeafHash, replayChunk, InvalidChunkError, type Chunk } from './buildChunk.ts'
import { testWorld } from './testWorld.ts'
import type { AccessWitness } from './outcomes.ts'

const P: ChunkParams = { depth: 6, nTx: 6, nQueue: 3, nFee: 2 }
const w = testWorld({ users: 4 })
const [A, B, C] = [0, 1, 2]

/** A state where users A, B, C have ETH accounts 1, 2, 3 and A has a token-1 account 4. */
function funded(): RollupState {
  const state = new RollupState({ depth: P.depth })
  const chunk = buildChunk({
    state,
    params: P,
    domain: w.domain,
    queue: { entries: [w.deposit({ user: A, amount: 1000n }), w.deposit({ user: B, amount: 500n }), w.deposit({ user: C, amount: 10n })], startHash: 0n },
    txs: [],
    firstSeq: 0n,
    feeAccounts: [],
  })
  chunk.state.commit()
  const c2 = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [w.deposit({ user: A, amount: 77n, tokenId: 1n })], startHash: chunk.newQueueHash }, txs: [], firstSeq: 0n, feeAccounts: [] })
  c2.state.commit()
  return state
}

/** Replays every access of a chunk in circuit order and checks each Merkle witness. */
function checkWitnesses(chunk: Chunk): void {
  let root = chunk.oldAccountRoot
  const leaf = (a: AccessWitness['before']) => (a ? hashAccount(a) : 0n)
  const visit = (x: AccessWitness) => {
    expect(computeRoot({ leaf: leaf(x.before), index: x.index, siblings: x.siblings })).toBe(root)
    root = computeRoot({ leaf: leaf(x.after), index: x.index, siblings: x.siblings })
  }
  for (const s of chunk.queueSlots) (visit(s.a), visit(s.b))
  for (const s of chunk.txSlots) (visit(s.a), visit(s.b))
  for (const f of chunk.feeSlots) visit(f.access)
  expect(root).toBe(chunk.state.accountRoot)
}

describe('buildChunk', () => {
  it('creates accounts from deposits at consecutive indices from 1', () => {
    const state = funded()
    expect(state.get(1n)).toMatchObject({ owner: w.users[A]!.address, balance: 1000n, tokenId: 0n, nonce: 0n })
    expect(state.get(2n)?.balance).toBe(500n)
    expect(state.get(4n)).toMatchObject({ owner: w.users[A]!.address, tokenId: 1n, balance: 77n })
    expect(state.nextIndex).toBe(5n)
  })

  it('applies a transfer, charges the fee once to the fee account, and bumps the nonce', () => {
    const state = funded()
    const t1 = w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 100n, fee: 3n, nonce: 0n })
    const t2 = w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 3n, amount: 50n, fee: 2n, nonce: 1n })
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: 0n }, txs: [t1, t2], firstSeq: 10n, feeAccounts: [2n] })
    expect(chunk.txOutcomes.map((o) => o.status)).toEqual(['included', 'included'])
    expect(chunk.txOutcomes.map((o) => (o.status === 'included' ? o.seq : -1n))).toEqual([10n, 11n])
    const s = chunk.state
    expect(s.get(1n)).toMatchObject({ balance: 1000n - 155n, nonce: 2n })
    expect(s.get(2n)?.balance).toBe(500n + 100n + 5n)
    expect(s.get(3n)?.balance).toBe(10n + 50n)
    expect(chunk.feeTotals).toEqual([5n, 0n])
    expect(state.get(1n)?.balance).toBe(1000n) // the input state is untouched until commit
    checkWitnesses(chunk)
  })

  it('refuses bad transactions with their reason and includes the rest in order', () => {
    const state = funded()
    const good = w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1n, fee: 0n, nonce: 0n })
    const cases = [
      [w.sign(B, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1n, fee: 0n, nonce: 1n }), 'BAD_SIGNATURE'],
      [w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1n, fee: 0n, nonce: 0n }), 'NONCE_TOO_LOW'],
      [w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1n, fee: 0n, nonce: 5n }), 'NONCE_TOO_HIGH'],
      [w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 5000n, fee: 0n, nonce: 1n }), 'INSUFFICIENT_BALANCE'],
      [w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 9n, amount: 1n, fee: 0n, nonce: 1n }), 'UNKNOWN_RECIPIENT'],
      [w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 4n, amount: 1n, fee: 0n, nonce: 1n }), 'TOKEN_MISMATCH'],
      [w.sign(A, { type: TX_TYPE.TRANSFER, from: 4n, to: 4n, amount: 1n, fee: 1n, nonce: 0n }), 'NO_FEE_ACCOUNT'],
      [w.sign(A, { type: TX_TYPE.TRANSFER, from: 9n, to: 1n, amount: 1n, fee: 0n, nonce: 0n }), 'UNKNOWN_ACCOUNT'],
    ] as const
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: 0n }, txs: [good, ...cases.map(([t]) => t)], firstSeq: 0n, feeAccounts: [1n] })
    expect(chunk.txOutcomes[0]!.status).toBe('included')
    cases.forEach(([, reason], i) => expect(chunk.txOutcomes[i + 1]).toMatchObject({ status: 'rejected', reason }))
  })

  it('refuses a transaction signed for another chain or another rollup contract', () => {
    const state = funded()
    for (const other of [testWorld({ users: 4, chainId: 1n }), testWorld({ users: 4, rollupAddress: 0xdeadn })]) {
      const t = other.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1n, fee: 0n, nonce: 0n })
      const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: 0n }, txs: [t], firstSeq: 0n, feeAccounts: [] })
      expect(chunk.txOutcomes[0]).toMatchObject({ status: 'rejected', reason: 'BAD_SIGNATURE' })
    }
  })

  it('credits a transfer to an L1 address to its existing account, or creates one', () => {
    const state = funded()
    const toB = w.sign(A, { type: TX_TYPE.TRANSFER_TO_L1, from: 1n, toAddress: w.users[B]!.address, amount: 7n, fee: 0n, nonce: 0n })
    const toNew = w.sign(A, { type: TX_TYPE.TRANSFER_TO_L1, from: 1n, toAddress: 0xbeefn, amount: 8n, fee: 0n, nonce: 1n })
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: 0n }, txs: [toB, toNew], firstSeq: 0n, feeAccounts: [] })
    expect(chunk.data.txs.map((t) => t.type)).toEqual([RECORD_TYPE.TRANSFER_TO_L1_EXISTING, RECORD_TYPE.TRANSFER_TO_L1_NEW])
    expect(chunk.state.get(2n)?.balance).toBe(507n)
    expect(chunk.state.get(5n)).toMatchObject({ owner: 0xbeefn, balance: 8n, publicKey: { x: 0n, y: 0n } })
    checkWitnesses(chunk)
  })

  it('moves withdrawals and forced withdrawals into the exit tree at their slot positions', () => {
    const state = funded()
    const forced = { kind: QUEUE_KIND.FORCED_WITHDRAW, sender: w.users[B]!.address, from: 2n, amount: 100n } as const
    const wd = w.sign(A, { type: TX_TYPE.WITHDRAW, from: 1n, recipient: 0xcafen, amount: 30n, fee: 0n, nonce: 0n })
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [forced], startHash: 0n }, txs: [wd], firstSeq: 0n, feeAccounts: [] })
    expect(chunk.exits).toEqual([
      { position: 0, recipient: w.users[B]!.address, tokenId: 0n, amount: 100n },
      { position: P.nQueue + 0, recipient: 0xcafen, tokenId: 0n, amount: 30n },
    ])
    const depth = Math.ceil(Math.log2(P.nQueue + P.nTx))
    for (const e of chunk.exits) {
      const siblings = denseProof(chunk.exitLeaves, e.position, depth)
      expect(computeRoot({ leaf: exitLeafHash(e), index: BigInt(e.position), siblings })).toBe(chunk.exitRoot)
    }
    // a withdrawal takes 1 + extension record slots
    expect(chunk.txSlots.slice(1, 1 + 2).every((s) => s.record.type === RECORD_TYPE.EXTENSION)).toBe(true)
    checkWitnesses(chunk)
  })

  it('consumes invalid queue entries as no-ops that leave the state untouched, and refunds bad deposits', () => {
    const state = funded()
    const root = state.root
    const entries = [
      { kind: QUEUE_KIND.FORCED_WITHDRAW, sender: w.users[C]!.address, from: 1n, amount: 1n } as const, // not the owner
      { kind: QUEUE_KIND.FORCED_TRANSFER, sender: w.users[A]!.address, from: 1n, to: 4n, amount: 1n } as const, // token mismatch
      w.deposit({ user: B, amount: 9n, tokenId: 1n, toIndex: 2n }), // token mismatch: refunded
    ]
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries, startHash: 0n }, txs: [], firstSeq: 0n, feeAccounts: [] })
    expect(chunk.queueOutcomes).toEqual([
      { status: 'noop', reason: 'NOT_OWNER' },
      { status: 'noop', reason: 'TOKEN_MISMATCH' },
      { status: 'refunded', reason: 'TOKEN_MISMATCH', exit: { position: 2, recipient: w.users[B]!.address, tokenId: 1n, amount: 9n } },
    ])
    expect(chunk.newStateRoot).toBe(root)
    expect(chunk.newQueueHash).not.toBe(chunk.oldQueueHash)
    checkWitnesses(chunk)
  })

  it('refunds a deposit when the tree is full', () => {
    const state = new RollupState({ depth: 2 })
    const p = { ...TEST_PARAMS, depth: 2, nQueue: 4 }
    const entries = [0, 1, 2, 3].map((i) => w.deposit({ user: i % 4, amount: 5n }))
    const chunk = buildChunk({ state, params: p, domain: w.domain, queue: { entries, startHash: 0n }, txs: [], firstSeq: 0n, feeAccounts: [] })
    expect(chunk.queueOutcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'refunded'])
    expect(chunk.queueOutcomes[3]).toMatchObject({ reason: 'TREE_FULL' })
    checkWitnesses(chunk)
  })

  it('stops including at the first transaction that does not fit, keeping order', () => {
    const state = funded()
    const perWithdraw = 1 + chunkLayout(P).extensionRecords
    const fit = Math.floor(P.nTx / perWithdraw)
    const txs = Array.from({ length: fit + 2 }, (_, n) => w.sign(A, { type: TX_TYPE.WITHDRAW, from: 1n, recipient: 0xaan, amount: 1n, fee: 0n, nonce: BigInt(n) }))
    const small = w.sign(B, { type: TX_TYPE.TRANSFER, from: 2n, to: 1n, amount: 1n, fee: 0n, nonce: 0n })
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: 0n }, txs: [...txs, small], firstSeq: 0n, feeAccounts: [] })
    const expected = [...new Array(fit).fill('included'), ...new Array(txs.length - fit + 1).fill('CHUNK_FULL')]
    expect(chunk.txOutcomes.map((o) => (o.status === 'rejected' ? o.reason : o.status))).toEqual(expected)
    // the small transfer would fit in the remaining slots, but order comes first
    expect(P.nTx - fit * perWithdraw).toBeGreaterThan(0)
  })

  it('is replayed from its DA data alone to the same roots and commitments', () => {
    const state = funded()
    const txs = [
      w.sign(A, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 10n, fee: 1n, nonce: 0n }),
      w.sign(B, { type: TX_TYPE.WITHDRAW, from: 2n, recipient: 0xabn, amount: 3n, fee: 1n, nonce: 0n }),
    ]
    const entries = [w.deposit({ user: C, amount: 4n, toIndex: 3n })]
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries, startHash: 0n }, txs, firstSeq: 5n, feeAccounts: [3n] })
    const elements = encodeBatchElements({ params: P, chunks: [chunk.data] })
    const [data] = decodeBatchElements({ params: P, elements })
    const replay = replayChunk({ state, params: P, domain: w.domain, data: data!, queue: { entries, startHash: 0n }, firstSeq: 5n })
    for (const k of ['newStateRoot', 'exitRoot', 'txListCommitment', 'dataCommitment', 'newQueueHash'] as const) expect(replay[k]).toBe(chunk[k])
    expect(replay.publicInputs).toEqual(chunk.publicInputs)
  })

  it('reports DA data that could not have been proven', () => {
    const state = funded()
    const data: ChunkData = { queueCount: 0, feeAccounts: [0n, 0n], txs: [{ type: RECORD_TYPE.TRANSFER, from: 3n, to: 1n, amount: 999n, fee: 0n }] }
    expect(() => replayChunk({ state, params: P, domain: w.domain, data, queue: { entries: [], startHash: 0n }, firstSeq: 0n })).toThrow(InvalidChunkError)
    expect(() => replayChunk({ state, params: P, domain: w.domain, data: { ...data, txs: [], feeAccounts: [9n, 0n] }, queue: { entries: [], startHash: 0n }, firstSeq: 0n })).toThrow(/fee account/)
  })

  it('gives the circuit public inputs in the documented order', () => {
    const state = funded()
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: 0n }, txs: [], firstSeq: 0n, feeAccounts: [1n] })
    // as built: the calldata binding (challenge 0, share -sum of the DA elements mod r)
    const calldataShare = (BLS_MODULUS * 4n - chunk.dataElements.reduce((a, e) => a + e, 0n)) % BLS_MODULUS
    expect(chunk.publicInputs).toEqual([chunk.oldStateRoot, chunk.newStateRoot, chunk.oldQueueHash, chunk.newQueueHash, chunk.exitRoot, chunk.txListCommitment, chunk.dataCommitment, w.domain, 0n, calldataShare >> 128n, calldataShare & ((1n << 128n) - 1n)])
    expect(chunk.newStateRoot).toBe(chunk.oldStateRoot)
    // bound to a blob at index 3 with challenge z: z | 3 << 240 and that region's share
    const z = 0x1234n
    const bound = bindChunkToBlob({ chunk, index: 3, z })
    const share = chunkShare({ elements: chunk.dataElements, firstPosition: chunkFirstElement(P, 3), z })
    expect(bound.publicInputs).toEqual([...chunk.publicInputs.slice(0, 8), z + (3n << 240n), share >> 128n, share & ((1n << 128n) - 1n)])
    expect(calldataShare).not.toBe(0n) // the fee account index makes the data non-zero
    expect(share).not.toBe(calldataShare)
  })
})
