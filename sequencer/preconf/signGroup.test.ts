import { randomBytes } from 'node:crypto'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { describe, expect, it } from 'vitest'
import { nativeSecp256k1 } from './nativeSecp256k1.ts'
import { nobleSignDigest, signDigest } from './signGroup.ts'

const randomKey = (): Uint8Array => secp256k1.utils.randomSecretKey()

describe('signDigest', () => {
  it('loads libsecp256k1 (the secp256k1 package ships a linux-x64 binary)', () => {
    const { native, reason } = nativeSecp256k1()
    expect(reason).toBeUndefined()
    expect(typeof native?.ecdsaSign).toBe('function')
  })

  it('gives the same 65 bytes (r ‖ s ‖ v) with libsecp256k1 as with noble for random digests and keys', () => {
    const { native } = nativeSecp256k1()
    for (let i = 0; i < 200; i++) {
      const digest = new Uint8Array(randomBytes(32))
      const key = randomKey()
      const noble = nobleSignDigest(digest, key)
      const sig = native!.ecdsaSign(digest, key)
      expect(Buffer.from(sig.signature).toString('hex')).toBe(Buffer.from(noble.subarray(0, 64)).toString('hex'))
      expect(27 + sig.recid).toBe(noble[64])
      expect(Buffer.from(signDigest(digest, key)).equals(Buffer.from(noble))).toBe(true)
    }
  })

  it('signs so that the signer recovers from v (27 or 28) with a low S', () => {
    const key = randomKey()
    const digest = new Uint8Array(randomBytes(32))
    const sig = signDigest(digest, key)
    expect([27, 28]).toContain(sig[64])
    const recovered = secp256k1.Signature.fromBytes(sig.subarray(0, 64), 'compact').addRecoveryBit(sig[64]! - 27).recoverPublicKey(digest)
    expect(Buffer.from(recovered.toBytes(true)).equals(Buffer.from(secp256k1.getPublicKey(key, true)))).toBe(true)
    expect(secp256k1.Signature.fromBytes(sig.subarray(0, 64), 'compact').hasHighS()).toBe(false)
  })
})
