import { BITS, TX_TYPE } from '../constants.ts'
import { assertBits } from '../field/field.ts'
import { poseidon } from '../hash.ts'
import { encodeAmount, encodeFee } from '../da/float.ts'
import { sign, type Signature } from '../eddsa/eddsa.ts'

interface L2TxBase {
  /** Sending account index. */
  from: bigint
  /** Exact amount, representable as an amount float. */
  amount: bigint
  /** Exact fee in the account's token, representable as a fee float. */
  fee: bigint
  /** Must equal the sending account's nonce. */
  nonce: bigint
}

/** Transfer to an account index holding the same token. */
export interface Transfer extends L2TxBase {
  type: typeof TX_TYPE.TRANSFER
  to: bigint
}

/** Transfer to an L1 address: to an account it owns for the token, or a new one. */
export interface TransferToL1 extends L2TxBase {
  type: typeof TX_TYPE.TRANSFER_TO_L1
  /** The receiving L1 address as a 160-bit integer. */
  toAddress: bigint
}

/** Withdrawal out of the rollup to an L1 recipient, through the exit tree. */
export interface Withdraw extends L2TxBase {
  type: typeof TX_TYPE.WITHDRAW
  /** The L1 recipient as a 160-bit integer. */
  recipient: bigint
}

/** Any L2 transaction. */
export type L2Tx = Transfer | TransferToL1 | Withdraw

/** An L2 transaction with its EdDSA-Poseidon signature over {@link txHash}. */
export interface SignedL2Tx {
  tx: L2Tx
  signature: Signature
}

/**
 * The destination field of the signed message: the account index of a transfer, the address
 * of a transfer to L1 or a withdrawal.
 *
 * @example
 * ```ts
 * txDestination({ type: TX_TYPE.WITHDRAW, recipient: 0xabcn, ... }) // 0xabcn
 * ```
 */
export function txDestination(tx: L2Tx): bigint {
  switch (tx.type) {
    case TX_TYPE.TRANSFER:
      return tx.to
    case TX_TYPE.TRANSFER_TO_L1:
      return tx.toAddress
    case TX_TYPE.WITHDRAW:
      return tx.recipient
  }
}

/**
 * Checks every field's range and that amount and fee encode exactly in the DA floats;
 * throws the protocol error that names the first bad field.
 *
 * @example
 * ```ts
 * assertWellFormed(tx) // throws NotRepresentableError for an amount of 123456789123456789n
 * ```
 */
export function assertWellFormed(tx: L2Tx): void {
  assertBits(tx.from, BITS.INDEX, 'from index')
  assertBits(tx.nonce, BITS.NONCE, 'nonce')
  assertBits(txDestination(tx), tx.type === TX_TYPE.TRANSFER ? BITS.INDEX : BITS.ADDRESS, 'destination')
  encodeAmount(tx.amount)
  encodeFee(tx.fee)
}

/**
 * The packed second input of the transaction hash: `type | from << 8 | nonce << 40`.
 *
 * @example
 * ```ts
 * packTxHeader(tx) === BigInt(tx.type) | (tx.from << 8n) | (tx.nonce << 40n)
 * ```
 */
export function packTxHeader(tx: L2Tx): bigint {
  return BigInt(tx.type) | (tx.from << 8n) | (tx.nonce << 40n)
}

/**
 * The canonical hash of an L2 transaction, which is also the message its owner signs:
 * `Poseidon(domain, type | from << 8 | nonce << 40, destination, amount, fee)`, where
 * `domain` names the chain and the rollup contract ({@link domainHash}).
 *
 * @example
 * ```ts
 * const h = txHash({ tx, domain })
 * ```
 */
export function txHash(params: { tx: L2Tx; domain: bigint }): bigint {
  const { tx, domain } = params
  assertWellFormed(tx)
  return poseidon([domain, packTxHeader(tx), txDestination(tx), tx.amount, tx.fee])
}

/**
 * Signs an L2 transaction with an L2 private key.
 *
 * @example
 * ```ts
 * const signed = signTx({ tx: { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 10n, fee: 1n, nonce: 0n }, privateKey, domain })
 * ```
 */
export function signTx(params: { tx: L2Tx; privateKey: Uint8Array; domain: bigint }): SignedL2Tx {
  return { tx: params.tx, signature: sign({ privateKey: params.privateKey, message: txHash(params) }) }
}
