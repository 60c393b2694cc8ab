/**
 * Every constant of the Counterweight protocol, in one place. Circuits, contracts, the
 * sequencer, the node and the SDK import these (or are checked against them in tests);
 * `docs/protocol.md` explains each one.
 *
 * @example
 * ```ts
 * import { BITS, TX_TYPE } from './constants.ts'
 * BITS.NONCE // 40
 * ```
 */

/** Version byte of the data-availability encoding (first byte of every batch). */
export const DA_VERSION = 1

/** Bit widths of every bounded value. */
export const BITS = {
  /** Balances and amounts: unsigned, strictly below 2^128. */
  AMOUNT: 128,
  /** Account indices: the tree depth is at most 32. */
  INDEX: 32,
  TOKEN: 32,
  NONCE: 40,
  ADDRESS: 160,
  /** Kind / type tags inside packed hash inputs. */
  TAG: 8,
  /** Sequence numbers given by the sequencer. */
  SEQ: 64,
} as const

/** Largest tree depth the encodings allow. */
export const MAX_DEPTH = 32

/** Token id of ETH. ERC-20 tokens are listed on L1 and get ids 1, 2, ... */
export const ETH_TOKEN_ID = 0n

/**
 * Index 0 of the account tree is never allocated: a deposit to index 0 means "create a new
 * account", a DA record with `from = 0` is padding. Accounts start at index 1.
 */
export const FIRST_ACCOUNT_INDEX = 1n

/**
 * Sequence number of the first L2 transaction of a deployment: the sequencer's
 * preconfirmations and the transaction lists committed on L1 (`firstSeq` of each chunk) count
 * every included L2 transaction from here, consecutively.
 */
export const FIRST_SEQUENCE = 1n

/** Types of signed L2 transactions (first byte of the packed signed message). */
export const TX_TYPE = {
  /** To an account index, same token. */
  TRANSFER: 1,
  /** To an L1 address: credited to an account it owns for the token, or to a new one. */
  TRANSFER_TO_L1: 2,
  /** Out of the rollup, to an L1 recipient, through the exit tree. */
  WITHDRAW: 3,
} as const
export type TxType = (typeof TX_TYPE)[keyof typeof TX_TYPE]

/** Kinds of L1 queue entries (first byte of the packed entry). */
export const QUEUE_KIND = {
  DEPOSIT: 1,
  SET_KEY: 2,
  FORCED_TRANSFER: 3,
  FORCED_WITHDRAW: 4,
} as const
export type QueueKind = (typeof QUEUE_KIND)[keyof typeof QUEUE_KIND]

/** Types of DA records: one fixed-width record per L2 slot of a chunk. */
export const RECORD_TYPE = {
  /** Padding: all-zero record, changes nothing. */
  NOOP: 0,
  TRANSFER: 1,
  /** A TRANSFER_TO_L1 credited to an existing account (its owner is the address). */
  TRANSFER_TO_L1_EXISTING: 2,
  /** A TRANSFER_TO_L1 that creates an account at the next free index; address follows. */
  TRANSFER_TO_L1_NEW: 3,
  /** A WITHDRAW; the recipient address follows in extension records. */
  WITHDRAW: 4,
  /** Carries address bits of the preceding record; changes nothing by itself. */
  EXTENSION: 5,
} as const
export type RecordType = (typeof RECORD_TYPE)[keyof typeof RECORD_TYPE]

/** Bits of the record type field. */
export const RECORD_TYPE_BITS = 3

/**
 * Compact decimal floats of the DA encoding: `value = mantissa * 10^exponent`. Amounts use
 * 5 + 27 bits, fees 4 + 9 bits. Only values that encode exactly may be signed.
 */
export const FLOAT = {
  AMOUNT: { exponentBits: 5, mantissaBits: 27 },
  FEE: { exponentBits: 4, mantissaBits: 9 },
} as const

/** Bytes of a blob field element that carry data (the top byte stays zero). */
export const BLOB_BYTES_PER_ELEMENT = 31
/** Field elements in one EIP-4844 blob. */
export const BLOB_ELEMENTS = 4096
/** Bytes of one EIP-4844 blob. */
export const BLOB_BYTES = BLOB_ELEMENTS * 32

/**
 * Domain tag of the per-deployment signing domain `Poseidon(DOMAIN_TAG, chainId, rollup)`
 * that every L2 transaction hash starts with: ASCII "cw-tx-v1" as an integer.
 */
export const DOMAIN_TAG = 0x63772d74782d7631n

/** EIP-712 domain name and version used for L2 key derivation and preconfirmations. */
export const EIP712_NAME = 'Counterweight'
export const EIP712_VERSION = '1'

/** The fixed statement a wallet signs to derive its L2 key (see `deriveL2Key`). */
export const L2_KEY_PURPOSE =
  'Counterweight L2 key. Signing this derives your rollup key for this chain and contract. Only sign it in an app you trust.'
