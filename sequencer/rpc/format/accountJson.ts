import { bigintToAddress, isNoKey, type Account } from '../../../protocol/index.ts'
import { toQuantity } from '../hex.ts'

/** An account as `rollup_getAccount` returns it. */
export interface AccountJson {
  index: `0x${string}`
  owner: `0x${string}`
  tokenId: `0x${string}`
  balance: `0x${string}`
  /** The next nonce to sign with (after every transaction accepted so far). */
  nonce: `0x${string}`
  /** The L2 public key (BabyJubJub point), or null before one is set. */
  publicKey: { x: `0x${string}`; y: `0x${string}` } | null
}

/**
 * The JSON of an account at `index`.
 *
 * @example
 * ```ts
 * accountToJson({ index: 1n, account: view.get(1n)! }).balance // '0x3e8'
 * ```
 */
export function accountToJson(params: { index: bigint; account: Account }): AccountJson {
  const { index, account } = params
  return {
    index: toQuantity(index),
    owner: bigintToAddress(account.owner),
    tokenId: toQuantity(account.tokenId),
    balance: toQuantity(account.balance),
    nonce: toQuantity(account.nonce),
    publicKey: isNoKey(account.publicKey) ? null : { x: toQuantity(account.publicKey.x), y: toQuantity(account.publicKey.y) },
  }
}
