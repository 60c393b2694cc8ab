/**
 * Test support for the transition: a small world of users with L1 addresses and L2 keys, and
 * helpers to make signed transactions and queue entries. Used by tests only.
 *
 * @example
 * ```ts
 * const w = testWorld({ users: 4 })
 * const signed = w.transfer({ user: 0, from: 1n, to: 2n, amount: 5n, fee: 0n, nonce: 0n })
 * ```
 */
import { QUEUE_KIND, TX_TYPE } from '../constants.ts'
import { derivePublicKey } from '../eddsa/eddsa.ts'
import type { Point } from '../eddsa/babyjub.ts'
import { domainHash } from '../tx/domain.ts'
import { signTx, type L2Tx, type SignedL2Tx } from '../tx/l2Tx.ts'
import type { Deposit, QueueEntry } from '../queue/queueEntry.ts'

export interface TestUser {
  address: bigint
  privateKey: Uint8Array
  publicKey: Point
}

export interface TestWorld {
  domain: bigint
  users: TestUser[]
  sign(user: number, tx: L2Tx): SignedL2Tx
  deposit(params: { user: number; amount: bigint; tokenId?: bigint; toIndex?: bigint; withKey?: boolean }): Deposit
}

export function testWorld(params: { users: number; chainId?: bigint; rollupAddress?: bigint }): TestWorld {
  const domain = domainHash({ chainId: params.chainId ?? 31337n, rollupAddress: params.rollupAddress ?? 0x5fbdb2315678afecb367f032d93f642f64180aa3n })
  const users: TestUser[] = Array.from({ length: params.users }, (_, i) => {
    const privateKey = new Uint8Array(32).fill(i + 1)
    return { address: 0x1000n + BigInt(i), privateKey, publicKey: derivePublicKey(privateKey) }
  })
  return {
    domain,
    users,
    sign: (user, tx) => signTx({ tx, privateKey: users[user]!.privateKey, domain }),
    deposit: ({ user, amount, tokenId, toIndex, withKey }) => ({
      kind: QUEUE_KIND.DEPOSIT,
      sender: users[user]!.address,
      toIndex: toIndex ?? 0n,
      tokenId: tokenId ?? 0n,
      amount,
      publicKey: withKey === false ? { x: 0n, y: 0n } : users[user]!.publicKey,
    }),
  }
}

export type { QueueEntry }
export { TX_TYPE, QUEUE_KIND }

/** A small deterministic PRNG (mulberry32) for randomized scenario tests. */
export function prng(seed: number): { int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean } {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  }
}
