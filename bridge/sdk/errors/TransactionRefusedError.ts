import type { RefusalCode } from '../../../sequencer/index.ts'
import { CounterweightError } from './CounterweightError.ts'

const HINTS: Record<RefusalCode, string> = {
  NONCE_TOO_LOW: 'the account already used this nonce: leave `nonce` out to use the next one (getAccount(...).nonce).',
  NONCE_TOO_HIGH: 'send the transactions with the lower nonces first, or leave `nonce` out to use the next one.',
  INSUFFICIENT_BALANCE: 'lower the amount or the fee, or deposit more to this account first.',
  BAD_SIGNATURE: 'sign with the L2 key registered for this account (deriveWalletL2Key with the owner wallet), or register this key with setL2Key on L1.',
  FEE_TOO_LOW: 'raise `fee` to at least the minimum in `data.minFee`, or leave `fee` out to pay the minimum.',
  WRONG_CHAIN: 'the SDK is configured for another chain than this sequencer: check `chainId` against the sequencer (rollup_status).',
  WRONG_ROLLUP: 'the SDK is configured for another rollup contract than this sequencer: check `rollup` against the sequencer (rollup_status).',
  UNKNOWN_ACCOUNT: 'deposit to L1 first (depositEth / depositToken) and wait until the sequencer has applied the queue entry.',
  NO_KEY: 'register an L2 key for the account: setL2Key on L1, or deposit with `key`.',
  UNKNOWN_RECIPIENT: 'check the receiving account index, or send to an L1 address with transferToL1 (which creates an account).',
  RECIPIENT_NOT_OWNER: 'send to an account the named address owns, or use transferToL1.',
  TOKEN_MISMATCH: 'send to an account of the same token (getAccountsByOwner with `tokenId`), or use transferToL1.',
  BALANCE_OVERFLOW: 'send less: the receiving balance would reach 2^128.',
  TREE_FULL: 'send to an existing account: the rollup has no free account index.',
  NOT_REPRESENTABLE: 'round the amount or fee to an encodable value (nearestFloats in protocol/ gives the nearest ones).',
  NONCE_EXHAUSTED: 'move the funds with a forced transfer or forced withdrawal on L1: this account cannot sign any more transactions.',
  NOT_OWNER: 'send the L1 operation from the account owner.',
  NO_FEE_ACCOUNT: 'pay the fee in a token the operator accepts, or set fee to 0.',
  CHUNK_FULL: 'retry: the chunk was full.',
  ALREADY_PENDING: 'wait for the preconfirmation of the transaction with this nonce, then send the next one; resending the same signed transaction is safe.',
  ACCOUNT_PENDING_LIMIT: 'wait for preconfirmations of this account\'s pending transactions, then retry.',
  PENDING_LIMIT: 'the sequencer is busy: retry in a few seconds.',
}

const TEMPORARY = new Set<RefusalCode>(['ALREADY_PENDING', 'ACCOUNT_PENDING_LIMIT', 'PENDING_LIMIT', 'CHUNK_FULL'])

/**
 * The sequencer refused an L2 transaction, with the stable refusal `code` (the sequencer's
 * `data.reason`, e.g. `NONCE_TOO_LOW`), the JSON-RPC error code, the details the sequencer
 * sent (`data`, e.g. `accountNonce`, `minFee`) and what to do next. `temporary` refusals
 * (limits) may be retried as they are.
 *
 * @example
 * ```ts
 * try { await client.transfer({ key, from: 1n, to: 2n, amount: 10n, nonce: 0n }) } catch (e) {
 *   if (e instanceof TransactionRefusedError && e.code === 'NONCE_TOO_LOW') console.log(e.data.accountNonce)
 * }
 * ```
 */
export class TransactionRefusedError extends CounterweightError {
  override name = 'TransactionRefusedError' as const
  declare readonly code: RefusalCode
  readonly rpcCode: number
  readonly data: Readonly<Record<string, unknown>>
  readonly temporary: boolean
  constructor(params: { code: RefusalCode; rpcCode: number; message: string; data?: Record<string, unknown>; cause?: unknown }) {
    super({ code: params.code, message: params.message, hint: HINTS[params.code], cause: params.cause })
    this.rpcCode = params.rpcCode
    this.data = params.data ?? {}
    this.temporary = TEMPORARY.has(params.code)
  }
}
