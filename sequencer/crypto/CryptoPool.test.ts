import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TX_TYPE, txHash } from '../../protocol/index.ts'
import { testWorld } from '../../protocol/transition/testWorld.ts'
import { recoverPreconfirmationSigner } from '../preconf/index.ts'
import { privateKeyToAccount } from 'viem/accounts'
import { CryptoPool } from './CryptoPool.ts'
import { verifyJob } from './cryptoJobs.ts'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
const ROLLUP = '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const
const w = testWorld({ users: 3 })
let pool: CryptoPool

beforeAll(async () => {
  pool = await CryptoPool.start({ size: 2, domain: w.domain, chainId: 31337n, rollup: ROLLUP, key: KEY })
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

  it('signs preconfirmations that recover to the sequencer', async () => {
    const sig = await pool.sign([7n, 123n, 1_700_000_000n])
    expect(sig.length).toBe(65)
    const signer = await recoverPreconfirmationSigner({
      chainId: 31337n,
      rollup: ROLLUP,
      sequence: 7n,
      txHash: `0x${(123n).toString(16).padStart(64, '0')}`,
      l1Deadline: 1_700_000_000n,
      signature: `0x${Buffer.from(sig).toString('hex')}`,
    })
    expect(signer).toBe(privateKeyToAccount(KEY).address)
  })
})
