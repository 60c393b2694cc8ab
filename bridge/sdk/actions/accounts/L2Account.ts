import type { Address } from 'viem'
import type { AccountJson } from '../../../../sequencer/index.ts'
import type { Point } from '../../../../protocol/index.ts'

/**
 * An L2 account as the SDK returns it: numbers as bigints, the key as a point.
 *
 * @example
 * ```ts
 * const a: L2Account = (await client.getAccount({ index: 1n }))!
 * a.balance // 1000000000000000000n
 * ```
 */
export interface L2Account {
  index: bigint
  owner: Address
  tokenId: bigint
  balance: bigint
  /** The next nonce to sign with, after every transaction the sequencer accepted. */
  nonce: bigint
  /** The L2 public key, or null before one is set. */
  publicKey: Point | null
}

/**
 * Reads the sequencer's JSON account.
 *
 * @example
 * ```ts
 * l2AccountFromJson({ index: '0x1', owner: '0x…', tokenId: '0x0', balance: '0x64', nonce: '0x0', publicKey: null }).balance // 100n
 * ```
 */
export function l2AccountFromJson(json: AccountJson): L2Account {
  return {
    index: BigInt(json.index),
    owner: json.owner,
    tokenId: BigInt(json.tokenId),
    balance: BigInt(json.balance),
    nonce: BigInt(json.nonce),
    publicKey: json.publicKey ? { x: BigInt(json.publicKey.x), y: BigInt(json.publicKey.y) } : null,
  }
}
