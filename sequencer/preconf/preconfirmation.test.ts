import { describe, expect, it } from 'vitest'
import { concat, hashStruct, hashTypedData, keccak256, toBytes, toHex, verifyTypedData, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import {
  PRECONFIRMATION_GROUP_TYPE_STRING,
  PRECONFIRMATION_TYPES,
  PRECONFIRMATION_TYPE_STRING,
  groupPreconfirmation,
  preconfirmationGroupDigest,
  preconfirmationGroupTypedData,
  preconfirmationLeaf,
  recoverPreconfirmationSigner,
  signPreconfirmationGroup,
  verifyPreconfirmation,
  type GroupEntry,
  type SignedPreconfirmation,
} from './index.ts'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
const account = privateKeyToAccount(KEY)
const ROLLUP = '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const
const CHAIN = 31337n

const entries = (first: number, count: number, salt = 0): GroupEntry[] =>
  Array.from({ length: count }, (_, i) => ({ sequence: first + i, txHash: toBytes(keccak256(toHex(`${salt}:${first + i}`))), l1Deadline: 1_700_000_000 + i * 13 }))

/** The root computed independently with viem: leaves by hashStruct, zero-padded, pairs hashed recursively. */
function referenceRoot(es: GroupEntry[]): Hex {
  let level: Hex[] = es.map((e) => hashStruct({ types: PRECONFIRMATION_TYPES, primaryType: 'Preconfirmation', data: { sequence: BigInt(e.sequence), txHash: toHex(e.txHash), l1Deadline: BigInt(e.l1Deadline) } }))
  while (level.length & (level.length - 1)) level.push(`0x${'00'.repeat(32)}`)
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => keccak256(concat([level[2 * i]!, level[2 * i + 1]!])))
  return level[0]!
}

function signedOf(es: GroupEntry[], i: number): SignedPreconfirmation {
  const group = signPreconfirmationGroup({ privateKey: KEY, chainId: CHAIN, rollup: ROLLUP, entries: es })
  return groupPreconfirmation({ group, chainId: CHAIN, rollup: ROLLUP, entry: es[i]! })
}

describe('preconfirmation groups', () => {
  it('type strings are what a contract hashes', () => {
    expect(PRECONFIRMATION_TYPE_STRING).toBe('Preconfirmation(uint64 sequence,bytes32 txHash,uint64 l1Deadline)')
    expect(PRECONFIRMATION_GROUP_TYPE_STRING).toBe('PreconfirmationGroup(uint64 firstSequence,uint64 count,bytes32 root)')
  })

  it('leaf equals viem hashStruct, group digest equals viem hashTypedData, over random contents', () => {
    for (let i = 0; i < 40; i++) {
      const p = { sequence: (1n << BigInt(i)) + BigInt(i), txHash: keccak256(toHex(i * 3)), l1Deadline: BigInt(1_700_000_000 + i * 12345) }
      expect(toHex(preconfirmationLeaf(p))).toBe(hashStruct({ types: PRECONFIRMATION_TYPES, primaryType: 'Preconfirmation', data: p }))
      const g = { chainId: BigInt(1 + i * 7919), rollup: toHex(toBytes(keccak256(toHex(i))).slice(0, 20)), firstSequence: BigInt(i * 1000 + 1), count: BigInt(1 + i), root: keccak256(toHex(i + 99)) }
      expect(toHex(preconfirmationGroupDigest(g))).toBe(hashTypedData(preconfirmationGroupTypedData(g)))
    }
  })

  it('the root equals an independent computation, and every member verifies with a proof of ceil(log2(count)) hashes', async () => {
    for (const count of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33]) {
      const es = entries(100 + count, count, count)
      const group = signPreconfirmationGroup({ privateKey: KEY, chainId: CHAIN, rollup: ROLLUP, entries: es })
      expect(toHex(group.root)).toBe(referenceRoot(es))
      for (const e of es) {
        const signed = groupPreconfirmation({ group, chainId: CHAIN, rollup: ROLLUP, entry: e })
        expect(signed.proof.length).toBe(Math.ceil(Math.log2(count)))
        expect(signed.root).toBe(referenceRoot(es))
        expect(await verifyPreconfirmation({ signed, sequencer: account.address })).toBe(true)
      }
    }
  })

  it('the signature equals viem signTypedData of the group and verifies with viem verifyTypedData; it is deterministic', async () => {
    const es = entries(1, 6)
    const a = signPreconfirmationGroup({ privateKey: KEY, chainId: CHAIN, rollup: ROLLUP, entries: es })
    const b = signPreconfirmationGroup({ privateKey: KEY, chainId: CHAIN, rollup: ROLLUP, entries: es })
    const typed = preconfirmationGroupTypedData({ chainId: CHAIN, rollup: ROLLUP, firstSequence: 1n, count: 6n, root: toHex(a.root) })
    expect(toHex(a.signature)).toBe(await account.signTypedData(typed))
    expect(toHex(b.signature)).toBe(toHex(a.signature))
    expect(await verifyTypedData({ address: account.address, ...typed, signature: toHex(a.signature) })).toBe(true)
  })

  it('any changed field, position or proof fails verification', async () => {
    const es = entries(50, 5)
    const signed = signedOf(es, 2)
    const other = signedOf(es, 3)
    expect(await verifyPreconfirmation({ signed, sequencer: account.address })).toBe(true)
    const flip = (h: Hex): Hex => `0x${h.slice(2, -2)}${h.endsWith('00') ? '01' : '00'}`
    const changes: Partial<SignedPreconfirmation>[] = [
      { chainId: 1n },
      { rollup: '0x5fbdb2315678afecb367f032d93f642f64180aa4' },
      { sequence: 53n },
      { sequence: 99n },
      { txHash: flip(signed.txHash) },
      { l1Deadline: signed.l1Deadline + 1n },
      { firstSequence: 49n },
      { count: 6n },
      { count: 9n },
      { root: flip(signed.root) },
      { proof: [...signed.proof].reverse() },
      { proof: signed.proof.slice(1) },
      { proof: [...signed.proof, signed.proof[0]!] },
      { proof: [flip(signed.proof[0]!), ...signed.proof.slice(1)] },
      // Another member's transaction at this position, or this one with another member's proof.
      { txHash: other.txHash },
      { proof: other.proof },
      { signature: '0x1234' },
    ]
    for (const c of changes) expect(await verifyPreconfirmation({ signed: { ...signed, ...c }, sequencer: account.address }), JSON.stringify(c, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(false)
    expect(await recoverPreconfirmationSigner({ ...signed, count: 0n })).toBeUndefined()
    expect(await verifyPreconfirmation({ signed, sequencer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' })).toBe(false)
  })

  it('refuses malformed groups', () => {
    expect(() => signPreconfirmationGroup({ privateKey: KEY, chainId: CHAIN, rollup: ROLLUP, entries: [] })).toThrow('1 to 1024 leaves')
    expect(() => signPreconfirmationGroup({ privateKey: KEY, chainId: CHAIN, rollup: ROLLUP, entries: entries(1, 1025) })).toThrow('1 to 1024 leaves')
    expect(() => signPreconfirmationGroup({ privateKey: KEY, chainId: CHAIN, rollup: ROLLUP, entries: [entries(1, 1)[0]!, entries(3, 1)[0]!] })).toThrow('consecutive')
    expect(() => preconfirmationLeaf({ sequence: 1n << 64n, txHash: `0x${'ab'.repeat(32)}`, l1Deadline: 1n })).toThrow('not a uint64')
    expect(() => preconfirmationLeaf({ sequence: 1n, txHash: '0x12', l1Deadline: 1n })).toThrow('expected 32 bytes')
  })
})
