import type { Account } from '../../../protocol/index.ts'

/**
 * Bigint to `0x`-hex text, and back: how the store writes every bigint but tree nodes.
 *
 * @example
 * ```ts
 * fromHex(toHex(255n)) // 255n
 * ```
 */
export function toHex(v: bigint): string {
  return `0x${v.toString(16)}`
}

/** See {@link toHex}. @example fromHex('0xff') // 255n */
export function fromHex(s: string): bigint {
  return BigInt(s)
}

/**
 * A field element as 32 big-endian bytes (tree nodes), and back.
 *
 * @example
 * ```ts
 * nodeFromBytes(nodeToBytes(7n)) // 7n
 * ```
 */
export function nodeToBytes(v: bigint): Buffer {
  return Buffer.from(v.toString(16).padStart(64, '0'), 'hex')
}

/** See {@link nodeToBytes}. @example nodeFromBytes(buffer) */
export function nodeFromBytes(b: Buffer): bigint {
  return BigInt(`0x${b.toString('hex')}`)
}

/** An `accounts` row. */
export interface AccountRow {
  idx: number
  owner: string
  token: number
  balance: string
  nonce: string
  pkx: string
  pky: string
}

/**
 * An account as an `accounts` row, and back; and as one JSON text (undo rows).
 *
 * @example
 * ```ts
 * accountFromRow(accountToRow(5n, account)) // [5n, account]
 * ```
 */
export function accountToRow(index: bigint, a: Account): AccountRow {
  return { idx: Number(index), owner: toHex(a.owner), token: Number(a.tokenId), balance: toHex(a.balance), nonce: toHex(a.nonce), pkx: toHex(a.publicKey.x), pky: toHex(a.publicKey.y) }
}

/** See {@link accountToRow}. @example accountFromRow(row) */
export function accountFromRow(r: AccountRow): [bigint, Account] {
  return [BigInt(r.idx), { owner: fromHex(r.owner), tokenId: BigInt(r.token), balance: fromHex(r.balance), nonce: fromHex(r.nonce), publicKey: { x: fromHex(r.pkx), y: fromHex(r.pky) } }]
}

/** See {@link accountToRow}. @example accountToJson(account) */
export function accountToJson(a: Account): string {
  return JSON.stringify([toHex(a.owner), toHex(a.tokenId), toHex(a.balance), toHex(a.nonce), toHex(a.publicKey.x), toHex(a.publicKey.y)])
}

/** See {@link accountToRow}. @example accountFromJson(text) */
export function accountFromJson(s: string): Account {
  const [owner, tokenId, balance, nonce, x, y] = (JSON.parse(s) as string[]).map(fromHex)
  return { owner: owner!, tokenId: tokenId!, balance: balance!, nonce: nonce!, publicKey: { x: x!, y: y! } }
}
