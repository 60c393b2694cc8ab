import { BITS } from '../constants.ts'
import { assertBits } from '../field/field.ts'
import { poseidon } from '../hash.ts'
import { NO_KEY, type Point } from '../eddsa/babyjub.ts'

/** One account of the state tree. One account holds one token. */
export interface Account {
  /** L1 address that owns the account (160-bit integer). */
  owner: bigint
  /** L2 public key; `NO_KEY` (0, 0) until one is set. */
  publicKey: Point
  tokenId: bigint
  /** Below 2^128. */
  balance: bigint
  /** Below 2^40; rises by one with every L2 transaction sent from the account. */
  nonce: bigint
}

/**
 * The packed fourth input of the leaf hash: `owner | tokenId << 160 | nonce << 192`
 * (232 bits), after checking each part's width.
 *
 * @example
 * ```ts
 * packAccountTail({ owner: 1n, tokenId: 2n, nonce: 3n }) === 1n + (2n << 160n) + (3n << 192n)
 * ```
 */
export function packAccountTail(a: Pick<Account, 'owner' | 'tokenId' | 'nonce'>): bigint {
  assertBits(a.owner, BITS.ADDRESS, 'account owner')
  assertBits(a.tokenId, BITS.TOKEN, 'account token id')
  assertBits(a.nonce, BITS.NONCE, 'account nonce')
  return a.owner | (a.tokenId << 160n) | (a.nonce << 192n)
}

/**
 * The leaf of an account: `Poseidon(pubKey.x, pubKey.y, balance, owner | tokenId << 160 |
 * nonce << 192)`. An empty leaf is 0.
 *
 * @example
 * ```ts
 * hashAccount({ owner: 0xabcn, publicKey: NO_KEY, tokenId: 0n, balance: 10n, nonce: 0n })
 * ```
 */
export function hashAccount(a: Account): bigint {
  assertBits(a.balance, BITS.AMOUNT, 'account balance')
  return poseidon([a.publicKey.x, a.publicKey.y, a.balance, packAccountTail(a)])
}

/**
 * A new account with no key, zero balance and nonce 0, owned by `owner` for `tokenId`.
 *
 * @example
 * ```ts
 * const a = emptyAccount({ owner: 0xabcn, tokenId: 0n })
 * ```
 */
export function emptyAccount(params: { owner: bigint; tokenId: bigint; publicKey?: Point }): Account {
  return { owner: params.owner, publicKey: params.publicKey ?? NO_KEY, tokenId: params.tokenId, balance: 0n, nonce: 0n }
}

/**
 * Field elements of an account for circuit inputs, in leaf order: pubKey.x, pubKey.y,
 * balance, owner, tokenId, nonce. An absent account is all zeros.
 *
 * @example
 * ```ts
 * accountAsCircuitInputs(undefined) // [0n, 0n, 0n, 0n, 0n, 0n]
 * ```
 */
export function accountAsCircuitInputs(a: Account | undefined): bigint[] {
  if (!a) return [0n, 0n, 0n, 0n, 0n, 0n]
  return [a.publicKey.x, a.publicKey.y, a.balance, a.owner, a.tokenId, a.nonce]
}
