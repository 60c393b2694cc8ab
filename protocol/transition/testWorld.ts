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
import type { RollupState } from '../state/rollupState.ts'

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

export interface Prng {
  int(n: number): number
  pick<T>(xs: readonly T[]): T
  chance(p: number): boolean
}

/** A small deterministic PRNG (mulberry32) for randomized scenario tests. */
export function prng(seed: number): Prng {
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

/** A random queue entry against `state`: valid or not, of any kind. */
export function randomQueueEntry(w: TestWorld, r: Prng, state: RollupState): QueueEntry {
  const user = r.int(w.users.length)
  const sender = w.users[user]!.address
  const index = BigInt(r.int(Number(state.nextIndex) + 2)) // sometimes beyond the allocated range
  const amount = BigInt(r.int(2000))
  switch (r.int(5)) {
    case 0:
    case 1:
      return w.deposit({ user, amount, tokenId: BigInt(r.int(2)), toIndex: r.chance(0.6) ? 0n : index, withKey: r.chance(0.8) })
    case 2:
      return { kind: QUEUE_KIND.SET_KEY, sender, index, publicKey: w.users[user]!.publicKey }
    case 3:
      return { kind: QUEUE_KIND.FORCED_TRANSFER, sender, from: index, to: BigInt(1 + r.int(Number(state.nextIndex))), amount }
    default:
      return { kind: QUEUE_KIND.FORCED_WITHDRAW, sender, from: index, amount }
  }
}

/** A random signed L2 transaction against `state`: mostly valid, sometimes not. */
export function randomTx(w: TestWorld, r: Prng, state: RollupState, nonces: Map<bigint, bigint>): SignedL2Tx | undefined {
  const all = [...state.allAccounts()]
  const keyed = all.filter(([, a]) => a.publicKey.x !== 0n)
  const accounts = keyed.length > 0 && r.chance(0.85) ? keyed : all
  if (accounts.length === 0) return undefined
  const [from, acc] = r.pick(accounts)
  const owner = w.users.findIndex((u) => u.address === acc.owner)
  const signer = owner >= 0 && r.chance(0.95) ? owner : r.int(w.users.length)
  const expected = nonces.get(from) ?? acc.nonce
  const nonce = r.chance(0.9) ? expected : expected + BigInt(r.int(3)) - 1n
  const amount = BigInt(r.int(Number(acc.balance < 1000n ? acc.balance + 5n : 1000n)))
  const fee = BigInt(r.int(4))
  const base = { from, amount, fee, nonce: nonce < 0n ? 0n : nonce }
  const tx =
    r.int(3) === 0
      ? { ...base, type: TX_TYPE.WITHDRAW, recipient: BigInt(0xe000 + r.int(9)) }
      : r.chance(0.5)
        ? { ...base, type: TX_TYPE.TRANSFER, to: BigInt(r.int(Number(state.nextIndex) + 1)) }
        : { ...base, type: TX_TYPE.TRANSFER_TO_L1, toAddress: r.chance(0.5) ? r.pick(w.users).address : BigInt(0xf000 + r.int(4)) }
  nonces.set(from, base.nonce + 1n)
  return w.sign(signer, tx as never)
}

