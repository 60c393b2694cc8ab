import { TX_TYPE, type L2Tx, type SignedL2Tx } from '../../protocol/index.ts'

/** Bytes of an encoded signed transaction (layout version 1). */
export const SIGNED_TX_BYTES = 159
const VERSION = 1

function put(buf: Buffer, offset: number, size: number, v: bigint, what: string): void {
  if (v < 0n || v >= 1n << BigInt(8 * size)) throw new RangeError(`${what} ${v} does not fit in ${size} bytes`)
  buf.write(v.toString(16).padStart(2 * size, '0'), offset, size, 'hex')
}

function get(buf: Uint8Array, offset: number, size: number): bigint {
  return BigInt(`0x${Buffer.from(buf.buffer, buf.byteOffset + offset, size).toString('hex')}`)
}

/**
 * Encodes a signed L2 transaction for the store: 159 bytes, big-endian, fixed layout
 * `version(1) type(1) from(4) nonce(5) destination(20) amount(16) fee(16) R8.x(32) R8.y(32)
 * S(32)` (the destination is the account index of a transfer or the 160-bit address).
 *
 * @example
 * ```ts
 * decodeSignedTx(encodeSignedTx(signed)) // deep-equals signed
 * ```
 */
export function encodeSignedTx(signed: SignedL2Tx): Buffer {
  const { tx, signature } = signed
  const buf = Buffer.alloc(SIGNED_TX_BYTES)
  buf[0] = VERSION
  buf[1] = tx.type
  put(buf, 2, 4, tx.from, 'from')
  put(buf, 6, 5, tx.nonce, 'nonce')
  put(buf, 11, 20, tx.type === TX_TYPE.TRANSFER ? tx.to : tx.type === TX_TYPE.TRANSFER_TO_L1 ? tx.toAddress : tx.recipient, 'destination')
  put(buf, 31, 16, tx.amount, 'amount')
  put(buf, 47, 16, tx.fee, 'fee')
  put(buf, 63, 32, signature.R8.x, 'R8.x')
  put(buf, 95, 32, signature.R8.y, 'R8.y')
  put(buf, 127, 32, signature.S, 'S')
  return buf
}

/**
 * Decodes what {@link encodeSignedTx} wrote; throws on an unknown version, type or length.
 *
 * @example
 * ```ts
 * const signed = decodeSignedTx(row.body)
 * ```
 */
export function decodeSignedTx(bytes: Uint8Array): SignedL2Tx {
  if (bytes.length !== SIGNED_TX_BYTES || bytes[0] !== VERSION) throw new TypeError(`not an encoded transaction (length ${bytes.length}, version ${bytes[0]})`)
  const base = { from: get(bytes, 2, 4), nonce: get(bytes, 6, 5), amount: get(bytes, 31, 16), fee: get(bytes, 47, 16) }
  const dest = get(bytes, 11, 20)
  let tx: L2Tx
  switch (bytes[1]) {
    case TX_TYPE.TRANSFER:
      tx = { ...base, type: TX_TYPE.TRANSFER, to: dest }
      break
    case TX_TYPE.TRANSFER_TO_L1:
      tx = { ...base, type: TX_TYPE.TRANSFER_TO_L1, toAddress: dest }
      break
    case TX_TYPE.WITHDRAW:
      tx = { ...base, type: TX_TYPE.WITHDRAW, recipient: dest }
      break
    default:
      throw new TypeError(`unknown transaction type ${bytes[1]}`)
  }
  return { tx, signature: { R8: { x: get(bytes, 63, 32), y: get(bytes, 95, 32) }, S: get(bytes, 127, 32) } }
}
