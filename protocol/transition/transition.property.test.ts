import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { BITS, QUEUE_KIND } from '../constants.ts'
import type { ChunkParams } from '../params.ts'
import { RollupState } from '../state/rollupState.ts'
import { computeRoot } from '../state/merkleTree.ts'
import { hashAccount, type Account } from '../state/account.ts'
import type { SignedL2Tx } from '../tx/l2Tx.ts'
import { buildChunk, replayChunk, type Chunk } from './buildChunk.ts'
import type { AccessWitness } from './outcomes.ts'
import { prng, randomQueueEntry, randomTx, testWorld } from './testWorld.ts'

const P: ChunkParams = { depth: 5, nTx: 6, nQueue: 3, nFee: 2 }
const w = testWorld({ users: 5 })

function snapshot(state: RollupState): Map<bigint, Account> {
  return new Map(state.allAccounts())
}

function totals(accounts: Map<bigint, Account>): Map<bigint, bigint> {
  const t = new Map<bigint, bigint>()
  for (const a of accounts.values()) t.set(a.tokenId, (t.get(a.tokenId) ?? 0n) + a.balance)
  return t
}

function replayWitnesses(chunk: Chunk): bigint {
  let root = chunk.oldAccountRoot
  const leaf = (a: AccessWitness['before']) => (a ? hashAccount(a) : 0n)
  const visit = (x: AccessWitness): void => {
    if (computeRoot({ leaf: leaf(x.before), index: x.index, siblings: x.siblings }) !== root) throw new Error(`stale witness at ${x.index}`)
    root = computeRoot({ leaf: leaf(x.after), index: x.index, siblings: x.siblings })
  }
  for (const s of chunk.queueSlots) (visit(s.a), visit(s.b))
  for (const s of chunk.txSlots) (visit(s.a), visit(s.b))
  for (const f of chunk.feeSlots) visit(f.access)
  return root
}

describe('the chunk transition on random histories', () => {
  it('conserves value, bumps nonces by one, bounds balances, keeps witnesses exact, and replays from DA', () => {
    let chunksChecked = 0
    const seen = new Map<string, number>()
    const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1)
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const r = prng(seed)
        const state = new RollupState({ depth: P.depth })
        let queueHash = 0n
        let seq = 0n
        for (let step = 0; step < 6; step++) {
          const entries = Array.from({ length: r.int(P.nQueue + 1) }, () => randomQueueEntry(w, r, state))
          const nonces = new Map<bigint, bigint>()
          const txs = Array.from({ length: r.int(P.nTx + 2) }, () => randomTx(w, r, state, nonces)).filter((t): t is SignedL2Tx => !!t)
          const feeAccounts = [0n, 1n].flatMap((t) => [...state.allAccounts()].filter(([, a]) => a.tokenId === t).slice(0, 1).map(([i]) => i))
          const before = snapshot(state)
          const chunk = buildChunk({ state, params: P, domain: w.domain, queue: { entries, startHash: queueHash }, txs, firstSeq: seq, feeAccounts })
          const after = snapshot(chunk.state)

          // value: per token, after = before + credited deposits - exits taken from the state
          const delta = new Map<bigint, bigint>()
          const add = (t: bigint, v: bigint) => delta.set(t, (delta.get(t) ?? 0n) + v)
          chunk.queueOutcomes.forEach((o, i) => {
            const e = entries[i]!
            if (o.status === 'applied' && e.kind === QUEUE_KIND.DEPOSIT) add(e.tokenId, e.amount)
            if (o.status === 'applied' && o.exit) add(o.exit.tokenId, -o.exit.amount)
          })
          for (const o of chunk.txOutcomes) if (o.status === 'included' && o.exit) add(o.exit.tokenId, -o.exit.amount)
          const tb = totals(before)
          const ta = totals(after)
          for (const t of new Set([...tb.keys(), ...ta.keys()])) expect(ta.get(t) ?? 0n).toBe((tb.get(t) ?? 0n) + (delta.get(t) ?? 0n))

          // nonces: +1 per included transaction, nothing else moves them
          const sent = new Map<bigint, bigint>()
          for (const o of chunk.txOutcomes) if (o.status === 'included') sent.set(o.da.from, (sent.get(o.da.from) ?? 0n) + 1n)
          for (const [i, a] of after) expect(a.nonce).toBe((before.get(i)?.nonce ?? 0n) + (sent.get(i) ?? 0n))

          // balances stay in [0, 2^128)
          for (const a of after.values()) expect(a.balance >= 0n && a.balance < 1n << BigInt(BITS.AMOUNT)).toBe(true)

          // every Merkle witness chains from the old root to the new one
          expect(replayWitnesses(chunk)).toBe(chunk.state.accountRoot)

          // a node replaying the DA data gets the same public inputs
          const replay = replayChunk({ state, params: P, domain: w.domain, data: chunk.data, queue: { entries, startHash: queueHash }, firstSeq: seq })
          expect(replay.publicInputs).toEqual(chunk.publicInputs)

          // only no-ops and no transactions: the state root does not move
          if (chunk.txCount === 0 && chunk.queueOutcomes.every((o) => o.status !== 'applied')) expect(chunk.newStateRoot).toBe(chunk.oldStateRoot)

          for (const o of chunk.queueOutcomes) tally(`queue:${o.status}`)
          for (const o of chunk.txOutcomes) (tally(o.status === "included" ? `tx:${o.da.type}` : `tx:rejected`), o.status === "rejected" && tally(`why:${o.reason}`))
          chunk.state.commit()
          expect(state.root).toBe(chunk.newStateRoot)
          queueHash = chunk.newQueueHash
          seq += BigInt(chunk.txCount)
          chunksChecked++
        }
      }),
      { numRuns: 12 },
    )
    expect(chunksChecked).toBe(12 * 6)
    // the histories really mix every outcome (so the checks above are not vacuous)
    for (const k of ['queue:applied', 'queue:noop', 'queue:refunded', 'tx:rejected', 'tx:1', 'tx:2', 'tx:3', 'tx:4']) {
      expect(seen.get(k) ?? 0, k).toBeGreaterThan(0)
    }
    console.log('outcomes over', chunksChecked, 'chunks:', Object.fromEntries(seen))
  })
})
