import { BITS, QUEUE_KIND } from '../constants.ts'
import { assertBits } from '../field/field.ts'
import { poseidon, poseidon2 } from '../hash.ts'
import type { Point } from '../eddsa/babyjub.ts'

/** Deposit of ETH or a token: tops up `toIndex`, or creates an account when it is 0. */
export interface Deposit {
  kind: typeof QUEUE_KIND.DEPOSIT
  sender: bigint
  /** Account to top up; 0 creates a new account owned by `sender` with `publicKey`. */
  toIndex: bigint
  tokenId: bigint
  amount: bigint
  /** Key of a new account (`NO_KEY` for none); ignored for a top-up. */
  publicKey: Point
}

/** The owner binds an L2 key to its account. */
export interface SetKey {
  kind: typeof QUEUE_KIND.SET_KEY
  sender: bigint
  index: bigint
  publicKey: Point
}

/** The owner moves funds without the sequencer (no fee, no nonce). */
export interface ForcedTransfer {
  kind: typeof QUEUE_KIND.FORCED_TRANSFER
  sender: bigint
  from: bigint
  to: bigint
  amount: bigint
}

/** The owner withdraws to its own L1 address without the sequencer. */
export interface ForcedWithdraw {
  kind: typeof QUEUE_KIND.FORCED_WITHDRAW
  sender: bigint
  from: bigint
  amount: bigint
}

/** Any L1 queue entry. */
export type QueueEntry = Deposit | SetKey | ForcedTransfer | ForcedWithdraw

/**
 * The flat fields of a queue entry, as the L1 contract stores and emits them and as the
 * circuit reads them. Unused fields are zero.
 */
export interface QueueEntryFields {
  kind: bigint
  sender: bigint
  /** Deposit: target (0 = new); set-key: the account; forced: the source account. */
  index: bigint
  tokenId: bigint
  /** Forced transfer: the destination account. */
  toIndex: bigint
  amount: bigint
  pubKeyX: bigint
  pubKeyY: bigint
}

/**
 * Flattens an entry to {@link QueueEntryFields}.
 *
 * @example
 * ```ts
 * queueEntryFields({ kind: QUEUE_KIND.FORCED_WITHDRAW, sender, from: 3n, amount: 5n }).index // 3n
 * ```
 */
export function queueEntryFields(e: QueueEntry): QueueEntryFields {
  const zero = { index: 0n, tokenId: 0n, toIndex: 0n, amount: 0n, pubKeyX: 0n, pubKeyY: 0n }
  const base = { ...zero, kind: BigInt(e.kind), sender: e.sender }
  switch (e.kind) {
    case QUEUE_KIND.DEPOSIT:
      return { ...base, index: e.toIndex, tokenId: e.tokenId, amount: e.amount, pubKeyX: e.publicKey.x, pubKeyY: e.publicKey.y }
    case QUEUE_KIND.SET_KEY:
      return { ...base, index: e.index, pubKeyX: e.publicKey.x, pubKeyY: e.publicKey.y }
    case QUEUE_KIND.FORCED_TRANSFER:
      return { ...base, index: e.from, toIndex: e.to, amount: e.amount }
    case QUEUE_KIND.FORCED_WITHDRAW:
      return { ...base, index: e.from, amount: e.amount }
  }
}

/**
 * Rebuilds a typed entry from its flat fields (as read from L1 events); throws for an
 * unknown kind.
 *
 * @example
 * ```ts
 * queueEntryFromFields(queueEntryFields(entry)) // entry
 * ```
 */
export function queueEntryFromFields(f: QueueEntryFields): QueueEntry {
  const publicKey = { x: f.pubKeyX, y: f.pubKeyY }
  switch (Number(f.kind)) {
    case QUEUE_KIND.DEPOSIT:
      return { kind: QUEUE_KIND.DEPOSIT, sender: f.sender, toIndex: f.index, tokenId: f.tokenId, amount: f.amount, publicKey }
    case QUEUE_KIND.SET_KEY:
      return { kind: QUEUE_KIND.SET_KEY, sender: f.sender, index: f.index, publicKey }
    case QUEUE_KIND.FORCED_TRANSFER:
      return { kind: QUEUE_KIND.FORCED_TRANSFER, sender: f.sender, from: f.index, to: f.toIndex, amount: f.amount }
    case QUEUE_KIND.FORCED_WITHDRAW:
      return { kind: QUEUE_KIND.FORCED_WITHDRAW, sender: f.sender, from: f.index, amount: f.amount }
    default:
      throw new TypeError(`unknown queue entry kind ${f.kind}`)
  }
}

/**
 * The packed first input of the entry hash: `kind | index << 8 | tokenId << 40 | toIndex << 72`.
 *
 * @example
 * ```ts
 * packQueueHeader(fields) // 104-bit integer
 * ```
 */
export function packQueueHeader(f: QueueEntryFields): bigint {
  assertBits(f.kind, BITS.TAG, 'queue entry kind')
  assertBits(f.index, BITS.INDEX, 'queue entry index')
  assertBits(f.tokenId, BITS.TOKEN, 'queue entry token id')
  assertBits(f.toIndex, BITS.INDEX, 'queue entry destination index')
  return f.kind | (f.index << 8n) | (f.tokenId << 40n) | (f.toIndex << 72n)
}

/**
 * Hash of one queue entry: `Poseidon(kind | index << 8 | tokenId << 40 | toIndex << 72,
 * sender, amount, pubKey.x, pubKey.y)`. The L1 contract computes the same.
 *
 * @example
 * ```ts
 * queueEntryHash({ kind: QUEUE_KIND.DEPOSIT, sender, toIndex: 0n, tokenId: 0n, amount: 10n, publicKey: NO_KEY })
 * ```
 */
export function queueEntryHash(e: QueueEntry | QueueEntryFields): bigint {
  const f = typeof e.kind === 'bigint' ? (e as QueueEntryFields) : queueEntryFields(e as QueueEntry)
  assertBits(f.sender, BITS.ADDRESS, 'queue entry sender')
  assertBits(f.amount, BITS.AMOUNT, 'queue entry amount')
  return poseidon([packQueueHeader(f), f.sender, f.amount, f.pubKeyX, f.pubKeyY])
}

/**
 * One step of the queue's hash chain: `Poseidon(previous, entryHash)`. The chain starts at 0;
 * L1 stores its value after every entry, and each chunk proves the step from its first to its
 * last consumed entry.
 *
 * @example
 * ```ts
 * const h1 = nextQueueHash(0n, queueEntryHash(entry))
 * ```
 */
export function nextQueueHash(previous: bigint, entryHash: bigint): bigint {
  return poseidon2(previous, entryHash)
}

/**
 * The chain values after each of `entries`, starting from `start` (0 for the empty queue).
 *
 * @example
 * ```ts
 * queueChain([a, b]) // [H(0, h(a)), H(H(0, h(a)), h(b))]
 * ```
 */
export function queueChain(entries: readonly QueueEntry[], start = 0n): bigint[] {
  const out: bigint[] = []
  let h = start
  for (const e of entries) {
    h = nextQueueHash(h, queueEntryHash(e))
    out.push(h)
  }
  return out
}

