import type { Address } from 'viem'
import { bigintToAddress, type Account } from '../../../protocol/index.ts'

/** An account as the node's reads return it. */
export interface AccountView {
  index: bigint
  owner: Address
  tokenId: bigint
  balance: bigint
  nonce: bigint
  /** (0, 0) until a key is set. */
  publicKey: { x: bigint; y: bigint }
}

/**
 * The read form of a protocol account.
 *
 * @example
 * ```ts
 * accountView(3n, state.get(3n)!).owner // '0x...'
 * ```
 */
export function accountView(index: bigint, a: Account): AccountView {
  return { index, owner: bigintToAddress(a.owner), tokenId: a.tokenId, balance: a.balance, nonce: a.nonce, publicKey: { x: a.publicKey.x, y: a.publicKey.y } }
}
