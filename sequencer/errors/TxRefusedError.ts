import type { ReasonCode } from '../../protocol/index.ts'
import { SequencerError, type Severity } from './SequencerError.ts'

/** Refusals the sequencer adds to the protocol's `REASON` codes (policy and limits). */
export const SEQUENCER_REFUSAL = {
  FEE_TOO_LOW: 'fee below minimum',
  WRONG_CHAIN: 'signed for another chain',
  WRONG_ROLLUP: 'signed for another rollup contract',
  ALREADY_PENDING: 'a transaction with this nonce is already pending',
  ACCOUNT_PENDING_LIMIT: 'too many pending transactions for this account',
  PENDING_LIMIT: 'the sequencer queue is full',
} as const
export type SequencerRefusal = keyof typeof SEQUENCER_REFUSAL

/** Every reason a transaction can be refused for: the protocol's and the sequencer's. */
export type RefusalCode = ReasonCode | SequencerRefusal

/**
 * The JSON-RPC error code of every refusal. Stable: clients may switch on them (the string
 * `data.reason` carries the same information). Protocol reasons that an L2 transaction cannot
 * meet (`NOT_OWNER`, `NO_FEE_ACCOUNT`, `CHUNK_FULL`) have codes too, so the table is total.
 *
 * @example
 * ```ts
 * REFUSAL_RPC_CODE.NONCE_TOO_LOW // -38001
 * ```
 */
export const REFUSAL_RPC_CODE: Readonly<Record<RefusalCode, number>> = {
  NONCE_TOO_LOW: -38001,
  NONCE_TOO_HIGH: -38002,
  INSUFFICIENT_BALANCE: -38003,
  BAD_SIGNATURE: -38004,
  FEE_TOO_LOW: -38005,
  WRONG_CHAIN: -38006,
  WRONG_ROLLUP: -38007,
  UNKNOWN_ACCOUNT: -38008,
  NO_KEY: -38009,
  UNKNOWN_RECIPIENT: -38010,
  RECIPIENT_NOT_OWNER: -38011,
  TOKEN_MISMATCH: -38012,
  BALANCE_OVERFLOW: -38013,
  TREE_FULL: -38014,
  NOT_REPRESENTABLE: -38015,
  NONCE_EXHAUSTED: -38016,
  NOT_OWNER: -38017,
  NO_FEE_ACCOUNT: -38018,
  CHUNK_FULL: -38019,
  ALREADY_PENDING: -38020,
  ACCOUNT_PENDING_LIMIT: -38021,
  PENDING_LIMIT: -38022,
}

const TEMPORARY: ReadonlySet<RefusalCode> = new Set<RefusalCode>(['ALREADY_PENDING', 'ACCOUNT_PENDING_LIMIT', 'PENDING_LIMIT'])

/**
 * A transaction the sequencer will not accept, with the stable refusal `code`, its JSON-RPC
 * code and a message that says exactly what was wrong ("nonce too low: account nonce is 3,
 * transaction has 2"). Limits are `temporary` (retry later); everything else is `refused`.
 *
 * @example
 * ```ts
 * throw new TxRefusedError({ code: 'FEE_TOO_LOW', message: 'fee below minimum: token 0 needs at least 10, transaction has 1' })
 * ```
 */
export class TxRefusedError extends SequencerError {
  override name = 'TxRefusedError'
  declare readonly code: RefusalCode
  readonly rpcCode: number
  /** Machine-readable details (the RPC sends them as `error.data`). */
  readonly data: Readonly<Record<string, string | number | boolean>>
  constructor(params: { code: RefusalCode; message: string; data?: Record<string, string | number | boolean> }) {
    const severity: Severity = TEMPORARY.has(params.code) ? 'temporary' : 'refused'
    super({ code: params.code, message: params.message, severity })
    this.rpcCode = REFUSAL_RPC_CODE[params.code]
    this.data = { reason: params.code, ...params.data }
  }
}
