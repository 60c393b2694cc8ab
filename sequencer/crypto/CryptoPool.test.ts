import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TX_TYPE, txHash } from '../../protocol/index.ts'
import { testWorld } from '../../protocol/transition/testWorld.ts'
import { CryptoPool } from './CryptoPool.ts'
import { verifyJob } from './cryptoJobs.ts'

const w = testWorld({ users: 3 })
let pool: CryptoPool

beforeAll(async () => {
  pool = await CryptoPool.start({ size: 2, domain: w.domain })
})
afterAll(async () => {
  await pool.close()
})

describe('CryptoPool', () => {
  it('hashes and verifies many transactions in parallel, refusing bad signatures', async () => {
    const txs = Array.from({ length: 60 }, (_, i) => w.sign(i % 3, { type: TX_TYPE.TRANSFER, from: BigInt(1 + (i % 3)), to: 9n, amount: BigInt(i + 1), fee: 0n, nonce: BigInt(i) }))
    const results = await Promise.all(
      txs.map((signed, i) => pool.verify(verifyJob({ signed, publicKey: w.users[i % 3 === 0 && i % 2 === 0 ? 1 : i % 3]!.publicKey }))),
    )
    results.forEach((r, i) => {
      expect(r.hash).toBe(txHash({ tx: txs[i]!.tx, domain: w.domain }))
      const wrongKey = i % 3 === 0 && i % 2 === 0
      expect(r.reason).toBe(wrongKey ? 'signature does not match' : null)
    })
    expect(pool.stats.verifyJobs).toBe(60)
  })
})

describe('CryptoPool with inline checks while idle', () => {
  it('checks a lone job on the calling thread, and hands a burst past its share to the workers', async () => {
    const inline = await CryptoPool.start({ size: 1, domain: w.domain, inlineShare: 0.1, loneGapMs: 0 })
    try {
      const lone = w.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 9n, amount: 5n, fee: 0n, nonce: 0n })
      const r = await inline.verify(verifyJob({ signed: lone, publicKey: w.users[0]!.publicKey }))
      expect(r).toEqual({ hash: txHash({ tx: lone.tx, domain: w.domain }), reason: null })
      expect(inline.stats.inlineJobs).toBe(1)
      const bad = await inline.verify(verifyJob({ signed: lone, publicKey: w.users[1]!.publicKey }))
      expect(bad.reason).toBe('signature does not match')
      // 60 at once: inline until the 5 ms burst is spent, then queued for the worker.
      const txs = Array.from({ length: 60 }, (_, i) => w.sign(i % 3, { type: TX_TYPE.TRANSFER, from: BigInt(1 + (i % 3)), to: 9n, amount: BigInt(i + 1), fee: 0n, nonce: BigInt(i) }))
      const before = inline.stats.inlineJobs
      const results = await Promise.all(txs.map((signed, i) => inline.verify(verifyJob({ signed, publicKey: w.users[i % 3]!.publicKey }))))
      results.forEach((x, i) => expect(x).toEqual({ hash: txHash({ tx: txs[i]!.tx, domain: w.domain }), reason: null }))
      const burst = inline.stats.inlineJobs - before
      expect(burst).toBeGreaterThan(0)
      expect(burst).toBeLessThan(60)
      expect(inline.stats.verifyJobs).toBe(62)
    } finally {
      await inline.close()
    }
  })

  it('checks inline only a job that comes alone: one sent right after another goes to the workers', async () => {
    const inline = await CryptoPool.start({ size: 1, domain: w.domain, inlineShare: 1, loneGapMs: 20 })
    try {
      const txs = Array.from({ length: 3 }, (_, i) => w.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 9n, amount: 5n, fee: 0n, nonce: BigInt(i) }))
      const check = (i: number) => inline.verify(verifyJob({ signed: txs[i]!, publicKey: w.users[0]!.publicKey }))
      expect((await check(0)).reason).toBeNull() // the first job: lone
      expect(inline.stats.inlineJobs).toBe(1)
      expect((await check(1)).reason).toBeNull() // right after it, the workers idle: still a worker's
      expect(inline.stats.inlineJobs).toBe(1)
      expect(inline.stats.batches).toBe(1)
      await new Promise((r) => setTimeout(r, 30))
      expect((await check(2)).reason).toBeNull() // alone again
      expect(inline.stats.inlineJobs).toBe(2)
    } finally {
      await inline.close()
    }
  })

  it('refuses a share outside 0 to 1 and a negative gap', async () => {
    await expect(CryptoPool.start({ size: 1, domain: w.domain, inlineShare: 1.5 })).rejects.toThrow(/between 0 and 1/)
    await expect(CryptoPool.start({ size: 1, domain: w.domain, loneGapMs: -1 })).rejects.toThrow(/non-negative/)
  })
})
