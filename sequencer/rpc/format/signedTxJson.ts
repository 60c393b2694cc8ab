import { BITS, TX_TYPE, bigintToAddress, type L2Tx, type SignedL2Tx } from '../../../protocol/index.ts'
import { InvalidParamsError, TxRefusedError } from '../../errors/index.ts'
import { readAddress, readQuantity, show } from '../Params.ts'
import { toQuantity } from '../hex.ts'

/** Names of the L2 transaction types in JSON. */
export const TX_TYPE_NAMES = { transfer: TX_TYPE.TRANSFER, transferToL1: TX_TYPE.TRANSFER_TO_L1, withdraw: TX_TYPE.WITHDRAW } as const
export type TxTypeName = keyof typeof TX_TYPE_NAMES

/** A hex QUANTITY (`0x1a`). */
export type Quantity = `0x${string}`

/** The EdDSA-Poseidon signature of a transaction: the point R8 and the scalar S. */
export interface SignatureJson {
  R8x: Quantity
  R8y: Quantity
  S: Quantity
}

interface TxJsonBase {
  /** L1 chain id the transaction is signed for. */
  chainId: Quantity
  /** Rollup contract the transaction is signed for. */
  rollup: `0x${string}`
  /** Sending account index. */
  from: Quantity
  amount: Quantity
  fee: Quantity
  nonce: Quantity
  signature: SignatureJson
}

/**
 * A signed L2 transaction as `rollup_sendTransaction` takes it. Every number is a hex
 * QUANTITY; the destination field depends on `type`: `to` (an account index) for
 * `transfer`, `toAddress` for `transferToL1`, `recipient` for `withdraw`. The signature is
 * over the protocol's transaction hash, whose domain names `chainId` and `rollup`.
 */
export type SignedTxJson =
  | (TxJsonBase & { type: 'transfer'; to: Quantity })
  | (TxJsonBase & { type: 'transferToL1'; toAddress: `0x${string}` })
  | (TxJsonBase & { type: 'withdraw'; recipient: `0x${string}` })

const DEST: Record<TxTypeName, string> = { transfer: 'to', transferToL1: 'toAddress', withdraw: 'recipient' }
const COMMON = ['type', 'chainId', 'rollup', 'from', 'amount', 'fee', 'nonce', 'signature']

/**
 * The JSON form of a signed transaction for a deployment (what the SDK sends).
 *
 * @example
 * ```ts
 * const json = signedTxToJson({ signed: signTx({ tx, privateKey, domain }), chainId: 31337n, rollup })
 * await client.request({ method: 'rollup_sendTransaction', params: [json] })
 * ```
 */
export function signedTxToJson(params: { signed: SignedL2Tx; chainId: bigint; rollup: `0x${string}` }): SignedTxJson {
  const { tx, signature } = params.signed
  const base: TxJsonBase = {
    chainId: toQuantity(params.chainId),
    rollup: params.rollup.toLowerCase() as `0x${string}`,
    from: toQuantity(tx.from),
    amount: toQuantity(tx.amount),
    fee: toQuantity(tx.fee),
    nonce: toQuantity(tx.nonce),
    signature: { R8x: toQuantity(signature.R8.x), R8y: toQuantity(signature.R8.y), S: toQuantity(signature.S) },
  }
  switch (tx.type) {
    case TX_TYPE.TRANSFER:
      return { type: 'transfer', ...base, to: toQuantity(tx.to) }
    case TX_TYPE.TRANSFER_TO_L1:
      return { type: 'transferToL1', ...base, toAddress: bigintToAddress(tx.toAddress) }
    case TX_TYPE.WITHDRAW:
      return { type: 'withdraw', ...base, recipient: bigintToAddress(tx.recipient) }
  }
}

/**
 * Reads a {@link SignedTxJson} at `field` (e.g. `params[0]`), strictly: a missing, extra or
 * malformed field is an {@link InvalidParamsError} naming it; a transaction signed for
 * another chain or rollup is refused (`WRONG_CHAIN`, `WRONG_ROLLUP`) before any signature
 * work.
 *
 * @example
 * ```ts
 * const signed = signedTxFromJson({ value: params[0], field: 'params[0]', chainId: 31337n, rollup })
 * ```
 */
export function signedTxFromJson(params: { value: unknown; field: string; chainId: bigint; rollup: `0x${string}` }): SignedL2Tx {
  const { value, field } = params
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidParamsError(`${field}: must be a signed transaction object, got ${show(value)}`)
  const o = value as Record<string, unknown>
  const typeName = o.type
  if (typeof typeName !== 'string' || !Object.hasOwn(TX_TYPE_NAMES, typeName)) {
    throw new InvalidParamsError(`${field}.type: must be one of ${Object.keys(TX_TYPE_NAMES).map((t) => `"${t}"`).join(', ')}, got ${show(typeName)}`)
  }
  const name = typeName as TxTypeName
  const allowed = new Set([...COMMON, DEST[name]])
  for (const k of Object.keys(o)) {
    if (!allowed.has(k)) throw new InvalidParamsError(`${field}.${k}: unknown field for a ${name} transaction (fields: ${[...allowed].join(', ')})`)
  }
  for (const k of allowed) if (o[k] === undefined) throw new InvalidParamsError(`${field}.${k}: missing (a ${name} transaction has ${[...allowed].join(', ')})`)

  const chainId = readQuantity(o.chainId, `${field}.chainId`, 64)
  const rollup = readAddress(o.rollup, `${field}.rollup`)
  if (chainId !== params.chainId) {
    throw new TxRefusedError({ code: 'WRONG_CHAIN', message: `signed for another chain: the transaction names chain ${chainId}, this sequencer serves chain ${params.chainId}` })
  }
  if (rollup !== params.rollup.toLowerCase()) {
    throw new TxRefusedError({ code: 'WRONG_ROLLUP', message: `signed for another rollup contract: the transaction names ${rollup}, this sequencer serves ${params.rollup.toLowerCase()}` })
  }
  const base = {
    from: readQuantity(o.from, `${field}.from`, BITS.INDEX),
    amount: readQuantity(o.amount, `${field}.amount`, BITS.AMOUNT),
    fee: readQuantity(o.fee, `${field}.fee`, BITS.AMOUNT),
    nonce: readQuantity(o.nonce, `${field}.nonce`, BITS.NONCE),
  }
  let tx: L2Tx
  switch (name) {
    case 'transfer':
      tx = { ...base, type: TX_TYPE.TRANSFER, to: readQuantity(o.to, `${field}.to`, BITS.INDEX) }
      break
    case 'transferToL1':
      tx = { ...base, type: TX_TYPE.TRANSFER_TO_L1, toAddress: BigInt(readAddress(o.toAddress, `${field}.toAddress`)) }
      break
    case 'withdraw':
      tx = { ...base, type: TX_TYPE.WITHDRAW, recipient: BigInt(readAddress(o.recipient, `${field}.recipient`)) }
      break
  }
  const sig = o.signature
  if (typeof sig !== 'object' || sig === null || Array.isArray(sig)) throw new InvalidParamsError(`${field}.signature: must be an object { R8x, R8y, S }, got ${show(sig)}`)
  const s = sig as Record<string, unknown>
  for (const k of Object.keys(s)) if (!['R8x', 'R8y', 'S'].includes(k)) throw new InvalidParamsError(`${field}.signature.${k}: unknown field (fields: R8x, R8y, S)`)
  return {
    tx,
    signature: {
      R8: { x: readQuantity(s.R8x, `${field}.signature.R8x`, 256), y: readQuantity(s.R8y, `${field}.signature.R8y`, 256) },
      S: readQuantity(s.S, `${field}.signature.S`, 256),
    },
  }
}
