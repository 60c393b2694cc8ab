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
