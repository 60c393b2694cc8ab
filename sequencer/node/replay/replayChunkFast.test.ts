import { describe, expect, it } from 'vitest'
import {
  InvalidChunkError,
  RECORD_TYPE,
  RollupState,
  buildChunk,
  denseRoot,
  replayChunk,
  type ChunkData,
  type ChunkParams,
  type SignedL2Tx,
} from '../../../protocol/index.ts'
import { prng, randomQueueEntry, randomTx, testWorld, type Prng } from '../../../protocol/transition/testWorld.ts'
import { NodeState, type StateUndo } from '../state/nodeState.ts'
import { replayChunkFast } from './replayChunkFast.ts'
import { sparseDenseRoot } from './sparseDenseRoot.ts'

const P: ChunkParams = { depth: 5, nTx: 6, nQueue: 3, nFee: 2 }
const w = testWorld({ users: 5 })

/** The eight transition inputs (the blob binding is not the replay's business). */
const publicOf = (r: ReturnType<typeof replayChunkFast>, domain: bigint) => [r.oldStateRoot, r.newStateRoot, r.oldQueueHash, r.newQueueHash, r.exitRoot, r.txListCommitment, r.dataCommitment, domain]

function mutate(r: Prng, data: ChunkData, nextIndex: bigint): ChunkData {
  const copy: ChunkData = { queueCount: data.queueCount, feeAccounts: [...data.feeAccounts], txs: data.txs.map((t) => ({ ...t })) }
  const tx = copy.txs.length ? copy.txs[r.int(copy.txs.length)]! : undefined
  switch (r.int(5)) {
    case 0:
      if (tx) tx.amount += BigInt(r.int(3000))
      break
    case 1:
      if (tx) tx.from = BigInt(r.int(Number(nextIndex) + 2))
      break
    case 2:
      if (tx && tx.type === RECORD_TYPE.TRANSFER) tx.to = BigInt(r.int(Number(nextIndex) + 2))
      break
    case 3:
      copy.feeAccounts[r.int(copy.feeAccounts.length)] = BigInt(r.int(Number(nextIndex) + 2))
      break
    default:
      if (tx) tx.fee += BigInt(1 + r.int(5))
  }
  return copy
}

describe('replayChunkFast', () => {
  it('gives the public inputs of protocol replayChunk on random histories, through batches, reverts and finalized views', () => {
    let chunks = 0
    let refused = 0
    let agreedOnMutation = 0
    for (let seed = 1; seed <= 10; seed++) {
      const r = prng(seed)
      const ref = new RollupState({ depth: P.depth })
      const node = new NodeState({ depth: P.depth })
      let queueHash = 0n
      let seq = 0n
      const undos: StateUndo[] = []
      const roots: bigint[] = [ref.root]
      for (let batch = 0; batch < 4; batch++) {
        const layer = node.beginBatch()
        for (let k = 0; k < 1 + r.int(3); k++) {
          const entries = Array.from({ length: r.int(P.nQueue + 1) }, () => randomQueueEntry(w, r, ref))
          const nonces = new Map<bigint, bigint>()
          const txs = Array.from({ length: r.int(P.nTx + 2) }, () => randomTx(w, r, ref, nonces)).filter((t): t is SignedL2Tx => !!t)
          const feeAccounts = [0n, 1n].flatMap((t) => [...ref.allAccounts()].filter(([, a]) => a.tokenId === t).slice(0, 1).map(([i]) => i))
          const chunk = buildChunk({ state: ref, params: P, domain: w.domain, queue: { entries, startHash: queueHash }, txs, firstSeq: seq, feeAccounts })
          const queue = { entries, startHash: queueHash }

          // honest data: same public inputs as the chunk, from a deferred layer and from a plain state
          const fast = replayChunkFast({ state: layer.state, params: P, domain: w.domain, data: chunk.data, queue, firstSeq: seq, elements: chunk.dataElements })
          expect(publicOf(fast, w.domain)).toEqual(chunk.publicInputs.slice(0, 8))
          expect(fast.exits).toEqual(chunk.exits)
          const plain = replayChunkFast({ state: ref, params: P, domain: w.domain, data: chunk.data, queue, firstSeq: seq, elements: chunk.dataElements })
          expect(publicOf(plain, w.domain)).toEqual(chunk.publicInputs.slice(0, 8))

          // tampered data: refused by both, or accepted by both with the same result
          const bad = mutate(r, chunk.data, ref.nextIndex)
          let a: unknown
          let b: unknown
          try {
            a = replayChunk({ state: ref, params: P, domain: w.domain, data: bad, queue, firstSeq: seq }).publicInputs.slice(0, 6)
          } catch (e) {
            a = e instanceof InvalidChunkError ? 'refused' : e
          }
          try {
            b = publicOf(replayChunkFast({ state: layer.state, params: P, domain: w.domain, data: bad, queue, firstSeq: seq }), w.domain).slice(0, 6)
          } catch (e) {
            b = e instanceof InvalidChunkError ? 'refused' : e
          }
          expect(b).toEqual(a)
          if (a === 'refused') refused++
          else agreedOnMutation++

          fast.state.commit()
          chunk.state.commit()
          queueHash = chunk.newQueueHash
          seq += BigInt(chunk.txCount)
          chunks++
        }
        const { undo } = node.apply(layer)
        undos.push(undo)
        expect(node.head.root).toBe(ref.root)
        expect([...node.head.allAccounts()]).toEqual([...ref.allAccounts()])
        roots.push(ref.root)
      }
      // the view before the last two batches is the state two batches ago, with real proofs
      const view = node.viewBefore(undos.slice(2))
      expect(view.root).toBe(roots[2])
      for (let i = 1n; i < view.nextIndex; i++) expect(view.witness(i).siblings).toHaveLength(P.depth)
      // reverting the last two batches comes back to the same state
      node.revert(undos.pop()!)
      node.revert(undos.pop()!)
      expect(node.head.root).toBe(roots[2])
      expect(node.head.nextIndex).toBe(view.nextIndex)
      for (const [i, a] of view.allAccounts()) if (a) expect(node.head.get(i)).toEqual(a)
      expect(node.head.indicesOf(w.users[0]!.address)).toEqual(view.indicesOf(w.users[0]!.address))
    }
    expect(chunks).toBeGreaterThan(50)
    expect(refused).toBeGreaterThan(10)
    expect(agreedOnMutation).toBeGreaterThan(3)
    console.log(`replayChunkFast: ${chunks} chunks equal to replayChunk; tampered data: ${refused} refused by both, ${agreedOnMutation} accepted by both alike`)
  })

  it('sparseDenseRoot equals denseRoot', () => {
    const r = prng(7)
    for (let n = 0; n < 40; n++) {
      const depth = 1 + r.int(5)
      const leaves = Array.from({ length: r.int(2 ** depth + 1) }, () => (r.chance(0.6) ? 0n : BigInt(1 + r.int(1000))))
      expect(sparseDenseRoot(leaves, depth)).toBe(denseRoot(leaves, depth))
    }
  })
})
