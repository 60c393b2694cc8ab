import { describe, expect, it } from 'vitest'
import { RollupState, TEST_PARAMS, TX_TYPE, buildChunk, computeRoot, poseidon, poseidon2 } from '../../protocol/index.ts'
import { lastChunkOpening } from './lastChunkOpening.ts'
import { testWorld } from '../../protocol/transition/testWorld.ts'
import { txListOpening } from './txListOpening.ts'

describe('txListOpening', () => {
  const w = testWorld({ users: 2 })
  const state = new RollupState({ depth: TEST_PARAMS.depth })
  const chunk = buildChunk({
    state,
    params: TEST_PARAMS,
    domain: w.domain,
    queue: { entries: [w.deposit({ user: 0, amount: 10n ** 18n }), w.deposit({ user: 1, amount: 10n ** 18n })], startHash: 0n },
    txs: [
      w.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1000n, fee: 0n, nonce: 0n }),
      w.sign(1, { type: TX_TYPE.TRANSFER, from: 2n, to: 1n, amount: 500n, fee: 0n, nonce: 0n }),
    ],
    firstSeq: 5n,
    feeAccounts: [],
  })

  it('opens the chunk commitment at every included transaction', () => {
    const included = chunk.txOutcomes.filter((o) => o.status === 'included')
    expect(included.length).toBe(2)
    for (const o of included) {
      const opening = txListOpening({ chunk, batch: 3n, chunkIndex: 1n, sequence: o.seq })
      expect(opening).toMatchObject({ batch: 3n, chunk: 1n, firstSeq: 5n, txCount: 2n, txHash: o.hash, slot: BigInt(o.slot) })
      expect(poseidon([opening.firstSeq, opening.txCount, opening.root])).toBe(chunk.txListCommitment)
      expect(computeRoot({ leaf: poseidon2(o.seq, opening.txHash), index: opening.slot, siblings: opening.siblings })).toBe(opening.root)
      expect(opening.exitRoot).toBe(chunk.publicInputs[4])
    }
  })

  it('gives slashMissed the preimage of the chunk commitment and the public inputs that hold it', () => {
    const o = lastChunkOpening({ chunk })
    expect(poseidon([o.firstSeq, o.txCount, o.root])).toBe(o.chunkInputs[5])
    expect(o.chunkInputs).toEqual(chunk.publicInputs)
    expect(o.firstSeq + o.txCount).toBe(7n)
  })

  it('refuses a sequence number the chunk does not hold', () => {
    expect(() => txListOpening({ chunk, batch: 3n, chunkIndex: 1n, sequence: 4n })).toThrow(/no transaction with sequence number 4/)
    expect(() => txListOpening({ chunk, batch: 3n, chunkIndex: 1n, sequence: 7n })).toThrow(RangeError)
  })
})
