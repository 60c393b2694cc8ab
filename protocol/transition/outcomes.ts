import type { Account } from '../state/account.ts'
import type { DaTx } from '../da/chunkData.ts'

/**
 * Why an L2 transaction is refused, or why an L1 queue entry is consumed as a no-op. The
 * codes are stable: the sequencer turns them into RPC errors, the node reports them, and
 * the circuit decides the same way.
 */
export const REASON = {
  UNKNOWN_ACCOUNT: 'the account does not exist',
  NO_KEY: 'the account has no L2 key yet',
  BAD_SIGNATURE: 'invalid signature',
  NONCE_TOO_LOW: 'nonce too low',
  NONCE_TOO_HIGH: 'nonce too high',
  NONCE_EXHAUSTED: 'the account nonce reached its maximum',
  INSUFFICIENT_BALANCE: 'insufficient balance',
  UNKNOWN_RECIPIENT: 'the receiving account does not exist',
  RECIPIENT_NOT_OWNER: 'the receiving account is not owned by that address',
  TOKEN_MISMATCH: 'the accounts hold different tokens',
  BALANCE_OVERFLOW: 'the receiving balance would reach 2^128',
  TREE_FULL: 'the account tree is full',
  NOT_OWNER: 'the sender does not own the account',
  NO_FEE_ACCOUNT: 'no fee account for this token in the chunk',
  NOT_REPRESENTABLE: 'amount or fee is not exactly representable in the DA encoding',
  CHUNK_FULL: 'no room left in the chunk',
} as const
export type ReasonCode = keyof typeof REASON

/** One read-modify-write of an account leaf, with the Merkle witness before the write. */
export interface AccessWitness {
  /** Leaf index touched; 0 for an unused access (index 0 is never allocated). */
  index: bigint
  /** Account before the write (undefined: empty leaf). */
  before: Account | undefined
  /** Account after the write (undefined: still empty). */
  after: Account | undefined
  /** Siblings of the leaf, bottom-up, in the tree as it was just before this access. */
  siblings: bigint[]
}

/** An exit (withdrawal or deposit refund) at its position in the chunk's exit tree. */
export interface ExitLeaf {
  /** Position in the exit tree: queue slot q is q, L2 slot i is nQueue + i. */
  position: number
  recipient: bigint
  tokenId: bigint
  amount: bigint
}

/** What happened to one queue entry. */
export type QueueOutcome =
  | { status: 'applied'; accountIndex?: bigint; exit?: ExitLeaf }
  | { status: 'noop'; reason: ReasonCode }
  | { status: 'refunded'; reason: ReasonCode; exit: ExitLeaf }

/** What happened to one L2 transaction offered to a chunk. */
export type TxOutcome =
  | { status: 'included'; seq: bigint; hash: bigint; slot: number; da: DaTx; exit?: ExitLeaf }
  | { status: 'rejected'; reason: ReasonCode; detail: string }
