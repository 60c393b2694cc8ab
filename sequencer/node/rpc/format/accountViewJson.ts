import { accountToJson, type AccountJson } from '../../../rpc/format/accountJson.ts'
import type { AccountView } from '../../read/accountView.ts'

/**
 * A node account in the sequencer's `rollup_getAccount` shape (the same `accountToJson`).
 *
 * @example
 * ```ts
 * accountViewJson(getAccount(node, { index: 1n })!).balance
 * ```
 */
export function accountViewJson(a: AccountView): AccountJson {
  return accountToJson({ index: a.index, account: { owner: BigInt(a.owner), tokenId: a.tokenId, balance: a.balance, nonce: a.nonce, publicKey: a.publicKey } })
}
