import { describe, expect, it } from 'vitest'
import { hashTypedData, keccak256, toBytes, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { PRECONFIRMATION_TYPE_STRING, preconfirmationDigest, preconfirmationTypedData, recoverPreconfirmationSigner, signPreconfirmation, verifyPreconfirmation, type Preconfirmation } from './index.ts'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
const account = privateKeyToAccount(KEY)
const base: Preconfirmation = {
  chainId: 31337n,
  rollup: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  sequence: 1n,
  txHash: `0x${'ab'.repeat(32)}`,
  l1Deadline: 1_700_000_000n,
}

describe('preconfirmation typed data', () => {
  it('digest equals viem hashTypedData over random contents', () => {
    for (let i = 0; i < 50; i++) {
      const p: Preconfirmation = {
        chainId: BigInt(1 + i * 7919),
        rollup: toHex(toBytes(keccak256(toHex(i))).slice(0, 20)),
        sequence: (1n << BigInt(i)) + BigInt(i),
        txHash: keccak256(toHex(i * 3)),
        l1Deadline: BigInt(1_700_000_000 + i * 12345),
      }
      expect(toHex(preconfirmationDigest(p))).toBe(hashTypedData(preconfirmationTypedData(p)))
    }
  })

  it('type string matches the typed data (what a contract hashes)', () => {
    expect(PRECONFIRMATION_TYPE_STRING).toBe('Preconfirmation(uint64 sequence,bytes32 txHash,uint64 l1Deadline)')
  })

  it('signature equals viem signTypedData and verifies', async () => {
    const signed = signPreconfirmation({ privateKey: KEY, preconfirmation: base })
    expect(signed.signature).toBe(await account.signTypedData(preconfirmationTypedData(base)))
    expect(await recoverPreconfirmationSigner(signed)).toBe(account.address)
    expect(await verifyPreconfirmation({ signed, sequencer: account.address })).toBe(true)
  })

  it('any changed field fails verification', async () => {
    const signed = signPreconfirmation({ privateKey: KEY, preconfirmation: base })
    const changes: Partial<Preconfirmation>[] = [
      { chainId: 1n },
      { rollup: '0x5fbdb2315678afecb367f032d93f642f64180aa4' },
      { sequence: 2n },
      { txHash: `0x${'ac'.repeat(32)}` },
      { l1Deadline: 1_700_000_001n },
    ]
    for (const c of changes) expect(await verifyPreconfirmation({ signed: { ...signed, ...c }, sequencer: account.address })).toBe(false)
    expect(await verifyPreconfirmation({ signed: { ...signed, signature: '0x1234' }, sequencer: account.address })).toBe(false)
  })

  it('refuses out-of-range fields', () => {
    expect(() => preconfirmationDigest({ ...base, sequence: 1n << 64n })).toThrow('not a uint64')
    expect(() => preconfirmationDigest({ ...base, txHash: '0x12' })).toThrow('expected 32 bytes')
  })
})
