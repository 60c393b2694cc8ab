import { describe, expect, it } from 'vitest'
import { privateKeyToAccount } from 'viem/accounts'
import { verifyTypedData } from 'viem'
import { deriveL2Key, l2KeyFromSignature, l2KeyTypedData } from './deriveL2Key.ts'
import { sign, verify } from '../eddsa/eddsa.ts'
import { assertSubgroupPoint } from '../eddsa/babyjub.ts'

const pk = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' as const
const rollup = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
const other = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' as const

describe('deriveL2Key', () => {
  const account = privateKeyToAccount(pk)

  it('is deterministic: the same wallet, chain and contract give the same key', async () => {
    const a = await deriveL2Key({ account, chainId: 31337, rollupAddress: rollup })
    const b = await deriveL2Key({ account, chainId: 31337, rollupAddress: rollup })
    expect(a.publicKey).toEqual(b.publicKey)
    expect(Buffer.from(a.privateKey)).toEqual(Buffer.from(b.privateKey))
    assertSubgroupPoint(a.publicKey, 'derived key')
  })

  it('gives another key on another chain, another rollup contract or another key index', async () => {
    const base = await deriveL2Key({ account, chainId: 31337, rollupAddress: rollup })
    const chain = await deriveL2Key({ account, chainId: 1, rollupAddress: rollup })
    const contract = await deriveL2Key({ account, chainId: 31337, rollupAddress: other })
    const index = await deriveL2Key({ account, chainId: 31337, rollupAddress: rollup, keyIndex: 1 })
    for (const k of [chain, contract, index]) expect(k.publicKey).not.toEqual(base.publicKey)
  })

  it('signs a typed message the wallet address verifies, naming chain and contract', async () => {
    const typed = l2KeyTypedData({ chainId: 31337, rollupAddress: rollup })
    expect(typed.domain).toMatchObject({ chainId: 31337n, verifyingContract: rollup, name: 'Counterweight' })
    const signature = await account.signTypedData(typed)
    expect(await verifyTypedData({ ...typed, address: account.address, signature })).toBe(true)
  })

  it('ignores the recovery byte encoding and refuses malformed signatures', async () => {
    const signature = await account.signTypedData(l2KeyTypedData({ chainId: 31337, rollupAddress: rollup }))
    const v = parseInt(signature.slice(-2), 16)
    const flipped = `${signature.slice(0, -2)}${(v >= 27 ? v - 27 : v + 27).toString(16).padStart(2, '0')}` as `0x${string}`
    expect(l2KeyFromSignature(flipped).publicKey).toEqual(l2KeyFromSignature(signature).publicKey)
    expect(() => l2KeyFromSignature('0x1234')).toThrow(/65 bytes/)
  })

  it('gives a key that signs L2 messages', async () => {
    const key = await deriveL2Key({ account, chainId: 31337, rollupAddress: rollup })
    const signature = sign({ privateKey: key.privateKey, message: 99n })
    expect(verify({ publicKey: key.publicKey, message: 99n, signature })).toBe(true)
  })
})
