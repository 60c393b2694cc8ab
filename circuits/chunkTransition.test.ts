import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  QUEUE_KIND,
  RollupState,
  SUBGROUP_ORDER,
  BLS_MODULUS,
  PUBLIC_INPUT_NAMES,
  bindChunkToBlob,
  blobChallenge,
  challengeInput,
  chunkFirstElement,
  chunkShare,
  maxChunksPerBlob,
  splitShare,
  TEST_PARAMS,
  TX_TYPE,
  buildChunk,
  chunkCircuitInputs,
  chunkLayout,
  nextQueueHash,
  poseidon,
  packQueueHeader,
  queueEntryFields,
  sign,
  txHash,
  type Chunk,
  type CircuitInputs,
  type SignedL2Tx,
} from '../protocol/index.ts'
import { prng, randomQueueEntry, randomTx, testWorld } from '../protocol/transition/testWorld.ts'
import { ensureChunkKeys, type ChunkKeys } from './testing/ensureChunkKeys.ts'
import { chunkWitness } from './testing/chunkWitness.ts'

// The circuit against the reference: every randomized chunk's witness must satisfy the
// circuit with the reference's public inputs, and each rule has a negative test (one input
// changed, the witness calculator, which checks every constraint, must refuse it).
const P = TEST_PARAMS
const w = testWorld({ users: 4 })
let circuit: ChunkKeys

beforeAll(async () => {
  circuit = await ensureChunkKeys({ params: P })
}, 900_000)

afterAll(async () => {
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate()
})

const accepts = async (inputs: CircuitInputs): Promise<bigint[]> => chunkWitness({ wasm: circuit.wasm, inputs })
const refuses = async (inputs: CircuitInputs): Promise<string> => {
  try {
    await chunkWitness({ wasm: circuit.wasm, inputs })
  } catch (e) {
    return String(e)
  }
  throw new Error('the circuit accepted a witness it must refuse')
}

/** A state with ETH accounts 1 (user 0, 1000), 2 (user 1, 500), 3 (user 2, no key, 20). */
function funded(): { state: RollupState; queueHash: bigint } {
  const state = new RollupState({ depth: P.depth })
  const c = buildChunk({
    state,
    params: P,
    domain: w.domain,
    queue: { entries: [w.deposit({ user: 0, amount: 1000n }), w.deposit({ user: 1, amount: 500n })], startHash: 0n },
    txs: [],
    firstSeq: 0n,
    feeAccounts: [],
  })
  c.state.commit()
  const c2 = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [w.deposit({ user: 2, amount: 20n, withKey: false })], startHash: c.newQueueHash }, txs: [], firstSeq: 0n, feeAccounts: [] })
  c2.state.commit()
  return { state, queueHash: c2.newQueueHash }
}

function chunkWith(params: { txs?: SignedL2Tx[]; entries?: Parameters<typeof buildChunk>[0]['queue']['entries']; feeAccounts?: bigint[] }): Chunk {
  const { state, queueHash } = funded()
  return buildChunk({ state, params: P, domain: w.domain, queue: { entries: params.entries ?? [], startHash: queueHash }, txs: params.txs ?? [], firstSeq: 7n, feeAccounts: params.feeAccounts ?? [1n] })
}

const transfer = (amount = 100n, nonce = 0n) => w.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount, fee: 2n, nonce })

describe('ChunkTransition agrees with the reference', () => {
  it('on randomized chunks: mixed transaction types, invalid queue entries, empty and full chunks', async () => {
    const layout = chunkLayout(P)
    let chunks = 0
    let full = 0
    let empty = 0
    const kinds = new Set<string>()
    for (const seed of [1, 2, 3]) {
      const r = prng(seed)
      const state = new RollupState({ depth: P.depth })
      let queueHash = 0n
      let seq = 0n
      for (let step = 0; step < 5; step++) {
        const entries = Array.from({ length: step === 0 ? P.nQueue : r.int(P.nQueue + 1) }, () => randomQueueEntry(w, r, state))
        const nonces = new Map<bigint, bigint>()
        const txs = Array.from({ length: r.int(P.nTx + 3) }, () => randomTx(w, r, state, nonces)).filter((t): t is SignedL2Tx => !!t)
        const feeAccounts = [0n, 1n].flatMap((t) => [...state.allAccounts()].filter(([, a]) => a.tokenId === t).slice(0, 1).map(([i]) => i))
        const built = buildChunk({ state, params: P, domain: w.domain, queue: { entries, startHash: queueHash }, txs, firstSeq: seq, feeAccounts })
        // step 0 keeps the calldata binding; the others sit at some index of a blob batch
        const z = blobChallenge({ versionedHash: new Uint8Array(32).fill(seed), dataCommitments: [built.dataCommitment, BigInt(step)] })
        const chunk = step === 0 ? built : bindChunkToBlob({ chunk: built, index: r.int(maxChunksPerBlob(P)), z })
        const witness = await accepts(chunkCircuitInputs(chunk))
        // public inputs sit right after the constant 1 in the witness
        expect(witness.slice(1, 1 + PUBLIC_INPUT_NAMES.length)).toEqual(chunk.publicInputs)
        const used = chunk.txSlots.filter((s) => s.record.type !== 0).length
        if (used === layout.params.nTx) full++
        if (used === 0 && chunk.queueCount === 0) empty++
        for (const o of chunk.queueOutcomes) kinds.add(`queue:${o.status}`)
        for (const o of chunk.txOutcomes) if (o.status === 'included') kinds.add(`tx:${o.da.type}`)
        chunk.state.commit()
        queueHash = chunk.newQueueHash
        seq += BigInt(chunk.txCount)
        chunks++
      }
    }
    console.log(`circuit matched the reference on ${chunks} random chunks (${full} full, ${empty} empty); outcomes: ${[...kinds].sort().join(', ')}`)
    expect(chunks).toBe(15)
    expect(kinds.has('queue:noop') && kinds.has('queue:applied')).toBe(true)
  }, 300_000)

  it('on a chunk with every transaction type and a fee', async () => {
    const { state, queueHash } = funded()
    const toL1 = w.sign(0, { type: TX_TYPE.TRANSFER_TO_L1, from: 1n, toAddress: w.users[1]!.address, amount: 5n, fee: 1n, nonce: 0n })
    const back = w.sign(1, { type: TX_TYPE.TRANSFER, from: 2n, to: 1n, amount: 3n, fee: 1n, nonce: 0n })
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: queueHash }, txs: [toL1, back], firstSeq: 3n, feeAccounts: [3n] })
    expect(chunk.txOutcomes.map((o) => o.status)).toEqual(['included', 'included'])
    expect(chunk.feeTotals[0]).toBe(2n)
    await accepts(chunkCircuitInputs(chunk))
    // a withdrawal fills 1 + extension records, a whole test chunk
    const wd = w.sign(1, { type: TX_TYPE.WITHDRAW, from: 2n, recipient: 0xabcdefn, amount: 50n, fee: 1n, nonce: 0n })
    const chunkW = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: queueHash }, txs: [wd], firstSeq: 3n, feeAccounts: [3n] })
    expect(chunkW.exits).toHaveLength(1)
    await accepts(chunkCircuitInputs(chunkW))
    // queue entries of every kind: a refunded deposit, a set-key, a forced transfer
    const entries = [
      w.deposit({ user: 1, amount: 9n, tokenId: 1n, toIndex: 2n }),
      { kind: QUEUE_KIND.SET_KEY, sender: w.users[2]!.address, index: 3n, publicKey: w.users[2]!.publicKey } as const,
    ]
    const chunkQ = buildChunk({ state, params: P, domain: w.domain, queue: { entries, startHash: queueHash }, txs: [], firstSeq: 3n, feeAccounts: [] })
    expect(chunkQ.queueOutcomes.map((o) => o.status)).toEqual(['refunded', 'applied'])
    await accepts(chunkCircuitInputs(chunkQ))
    const forced = { kind: QUEUE_KIND.FORCED_TRANSFER, sender: w.users[1]!.address, from: 2n, to: 3n, amount: 40n } as const
    const chunkF = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [forced], startHash: queueHash }, txs: [], firstSeq: 3n, feeAccounts: [] })
    expect(chunkF.queueOutcomes[0]!.status).toBe('applied')
    await accepts(chunkCircuitInputs(chunkF))
    const toNew = w.sign(0, { type: TX_TYPE.TRANSFER_TO_L1, from: 1n, toAddress: 0xfeedn, amount: 5n, fee: 0n, nonce: 0n })
    const chunk2 = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: queueHash }, txs: [toNew], firstSeq: 3n, feeAccounts: [] })
    expect(chunk2.state.get(4n)?.owner).toBe(0xfeedn)
    await accepts(chunkCircuitInputs(chunk2))
  }, 120_000)
})

describe('ChunkTransition refuses', () => {
  it('a wrong signature', async () => {
    const inputs = chunkCircuitInputs(chunkWith({ txs: [transfer()] }))
    ;(inputs.txSigS as bigint[])[0]! += 1n
    await refuses(inputs)
  })

  it('a signature scalar S + l (the 254-bit decomposition must not alias)', async () => {
    const inputs = chunkCircuitInputs(chunkWith({ txs: [transfer()] }))
    ;(inputs.txSigS as bigint[])[0]! += SUBGROUP_ORDER
    await refuses(inputs)
  })

  it('a skipped nonce (a signature over nonce + 1 with the account at nonce)', async () => {
    const inputs = chunkCircuitInputs(chunkWith({ txs: [transfer()] }))
    const ahead = { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 100n, fee: 2n, nonce: 1n } as const
    const sig = sign({ privateKey: w.users[0]!.privateKey, message: txHash({ tx: ahead, domain: w.domain }) })
    ;(inputs.txSigR8x as bigint[])[0] = sig.R8.x
    ;(inputs.txSigR8y as bigint[])[0] = sig.R8.y
    ;(inputs.txSigS as bigint[])[0] = sig.S
    await refuses(inputs)
  })

  it('a wrong Merkle sibling', async () => {
    const inputs = chunkCircuitInputs(chunkWith({ txs: [transfer()] }))
    ;(inputs.txASiblings as bigint[][])[0]![3]! += 1n
    await refuses(inputs)
  })

  it('a skipped queue entry, and a consumed entry that is not the one L1 queued', async () => {
    const entries = [w.deposit({ user: 3, amount: 9n }), w.deposit({ user: 3, amount: 8n })]
    const honest = chunkCircuitInputs(chunkWith({ entries }))
    await accepts(honest)
    const skipped = structuredClone(honest)
    ;(skipped.qEnabled as bigint[])[0] = 0n
    await refuses(skipped)
    const swapped = structuredClone(honest)
    ;(swapped.qAmount as bigint[])[1] = 80n
    await refuses(swapped)
  })

  it('an amount at or above 2^128, even when the queue hash matches it', async () => {
    const { state, queueHash } = funded()
    const honestEntry = w.deposit({ user: 3, amount: 5n })
    const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [honestEntry], startHash: queueHash }, txs: [], firstSeq: 0n, feeAccounts: [] })
    const inputs = chunkCircuitInputs(chunk)
    const huge = 1n << 128n
    const f = queueEntryFields(honestEntry)
    const forgedHash = poseidon([packQueueHeader(f), f.sender, huge + 5n, f.pubKeyX, f.pubKeyY])
    ;(inputs.qAmount as bigint[])[0] = huge + 5n
    inputs.newQueueHash = nextQueueHash(queueHash, forgedHash)
    await refuses(inputs)
  })

  it('a forced withdrawal by a non-owner claimed as applied', async () => {
    const forged = { kind: QUEUE_KIND.FORCED_WITHDRAW, sender: w.users[1]!.address, from: 1n, amount: 10n } as const
    const asOwner = { ...forged, sender: w.users[0]!.address }
    const honest = chunkWith({ entries: [forged] })
    expect(honest.queueOutcomes[0]).toMatchObject({ status: 'noop', reason: 'NOT_OWNER' })
    const applied = chunkWith({ entries: [asOwner] })
    const inputs = chunkCircuitInputs(honest)
    inputs.newStateRoot = applied.newStateRoot
    inputs.exitRoot = applied.exitRoot
    await refuses(inputs)
  })

  it('a leaf presented with another split of its packed fields (token 1 posing as ETH)', async () => {
    // Account 4 holds token 1. An ETH deposit to it must be refunded; a prover who presents
    // its leaf as (owner + 2^160, token 0) hashes to the same leaf and would credit it.
    const { state, queueHash } = funded()
    const c = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [w.deposit({ user: 3, amount: 70n, tokenId: 1n })], startHash: queueHash }, txs: [], firstSeq: 0n, feeAccounts: [] })
    c.state.commit()
    const deposit = w.deposit({ user: 0, amount: 5n, tokenId: 0n, toIndex: 4n })
    const honest = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [deposit], startHash: c.newQueueHash }, txs: [], firstSeq: 0n, feeAccounts: [] })
    expect(honest.queueOutcomes[0]).toMatchObject({ status: 'refunded', reason: 'TOKEN_MISMATCH' })
    const inputs = chunkCircuitInputs(honest)
    const leaf = (inputs.qALeaf as bigint[][])[0]!
    expect(leaf[4]).toBe(1n)
    leaf[3] = leaf[3]! + (1n << 160n)
    leaf[4] = 0n
    const minted = state.fork()
    minted.put(4n, { ...minted.get(4n)!, balance: minted.get(4n)!.balance + 5n })
    inputs.newStateRoot = minted.root
    // every later (unused) access reads index 0 of the minted tree
    const zeroPath = minted.tree.proof(0n)
    ;(inputs.qBSiblings as bigint[][])[0] = zeroPath
    for (const key of ['qASiblings', 'qBSiblings', 'txASiblings', 'txBSiblings', 'feeSiblings']) {
      const list = inputs[key] as bigint[][]
      list.forEach((_, i) => {
        if (key.startsWith('q') && i === 0) return
        list[i] = zeroPath
      })
    }
    inputs.exitRoot = buildChunk({ state, params: P, domain: w.domain, queue: { entries: [], startHash: 0n }, txs: [], firstSeq: 0n, feeAccounts: [] }).exitRoot
    const message = await refuses(inputs)
    expect(message).toMatch(/AccountLeaf|Num2Bits|RangeCheck/)
  })

  it('a fee paid into an unused fee slot', async () => {
    const chunk = chunkWith({ txs: [transfer()], feeAccounts: [1n] })
    const inputs = chunkCircuitInputs(chunk)
    ;(inputs.txFeeSlot as bigint[])[0] = 1n
    ;(inputs.feeTotal as bigint[])[0] = 0n
    ;(inputs.feeTotal as bigint[])[1] = 2n
    await refuses(inputs)
  })

  it('a withdrawal whose DA extension records name another recipient', async () => {
    const wd = w.sign(1, { type: TX_TYPE.WITHDRAW, from: 2n, recipient: 0xabcdefn, amount: 50n, fee: 0n, nonce: 0n })
    const inputs = chunkCircuitInputs(chunkWith({ txs: [wd] }))
    ;(inputs.txExtPayload as bigint[])[1]! ^= 1n << 20n
    await refuses(inputs)
  })

  it('a transaction from an account without a key', async () => {
    const noKey = w.sign(2, { type: TX_TYPE.TRANSFER, from: 3n, to: 1n, amount: 1n, fee: 0n, nonce: 0n })
    const honest = chunkWith({ txs: [transfer()] })
    const inputs = chunkCircuitInputs(honest)
    // put account 3's leaf and path where the sender's are, with its own signature
    const { state } = funded()
    const wit = state.witness(3n)
    ;(inputs.txFrom as bigint[])[0] = 3n
    ;(inputs.txAIndex as bigint[])[0] = 3n
    ;(inputs.txALeaf as bigint[][])[0] = [0n, 0n, wit.account!.balance, wit.account!.owner, 0n, 0n]
    ;(inputs.txASiblings as bigint[][])[0] = wit.siblings
    ;(inputs.txSigR8x as bigint[])[0] = noKey.signature.R8.x
    ;(inputs.txSigR8y as bigint[])[0] = noKey.signature.R8.y
    ;(inputs.txSigS as bigint[])[0] = noKey.signature.S
    await refuses(inputs)
  })
})

describe('ChunkTransition ties the chunk to its blob', () => {
  const vh = (b: number): Uint8Array => new Uint8Array(32).fill(b)
  const bound = (index: number, b = 7): Chunk => {
    const chunk = chunkWith({ txs: [transfer()] })
    return bindChunkToBlob({ chunk, index, z: blobChallenge({ versionedHash: vh(b), dataCommitments: [chunk.dataCommitment] }) })
  }
  const withShare = (inputs: CircuitInputs, share: bigint): CircuitInputs => ({ ...inputs, blobShareHi: share >> 128n, blobShareLo: share & ((1n << 128n) - 1n) })

  it('accepts the reference share at the first and last chunk index', async () => {
    for (const index of [0, maxChunksPerBlob(P) - 1]) {
      const chunk = bound(index)
      const witness = await accepts(chunkCircuitInputs(chunk))
      expect(witness.slice(9, 12)).toEqual([challengeInput({ z: chunk.blob.z, index }), ...Object.values(splitShare(chunk.blob.share))])
    }
  })

  it('refuses the share of data that differs in one byte', async () => {
    const chunk = bound(3)
    const other = [...chunk.dataElements]
    other[0] = other[0]! ^ (1n << 200n)
    const share = chunkShare({ elements: other, firstPosition: chunkFirstElement(P, 3), z: chunk.blob.z })
    expect(share).not.toBe(chunk.blob.share)
    expect(await refuses(withShare(chunkCircuitInputs(chunk), share))).toMatch(/BlobShare|LimbsZero/)
  })

  it('refuses a share off by the modulus', async () => {
    // find a binding whose share + r still fits the 255 bits of the public halves
    let chunk = bound(1)
    for (let b = 8; chunk.blob.share + BLS_MODULUS >= 1n << 255n; b++) chunk = bound(1, b)
    expect(await refuses(withShare(chunkCircuitInputs(chunk), chunk.blob.share + BLS_MODULUS))).toMatch(/BlobShare/)
  })

  it('refuses a challenge computed from other data, or another chunk index', async () => {
    const chunk = bound(2)
    const inputs = chunkCircuitInputs(chunk)
    const otherZ = blobChallenge({ versionedHash: vh(7), dataCommitments: [chunk.dataCommitment + 1n] })
    expect(await refuses({ ...inputs, blobChallenge: challengeInput({ z: otherZ, index: 2 }) })).toMatch(/BlobShare|LimbsZero/)
    expect(await refuses({ ...inputs, blobChallenge: challengeInput({ z: chunk.blob.z, index: 4 }) })).toMatch(/BlobShare|LimbsZero/)
    expect(await refuses({ ...inputs, blobChallenge: challengeInput({ z: chunk.blob.z, index: maxChunksPerBlob(P) }) })).toMatch(/BlobShare/)
  })
})
