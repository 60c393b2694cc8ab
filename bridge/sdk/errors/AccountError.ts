import { CounterweightError } from './CounterweightError.ts'

/** Codes of {@link AccountError}. */
export type AccountErrorCode = 'ACCOUNT_NOT_FOUND' | 'NO_SENDING_ACCOUNT' | 'KEY_MISMATCH' | 'NO_KEY'

const HINTS: Record<AccountErrorCode, string> = {
  ACCOUNT_NOT_FOUND: 'check the index, or deposit first and wait until the queue entry is applied (waitForAccount).',
  NO_SENDING_ACCOUNT: 'pass `from` (an account index), or deposit to an account of this owner and token with this key first.',
  KEY_MISMATCH: 'sign with the key registered for the account (deriveWalletL2Key with the owner wallet and the same keyIndex), or register this key with setL2Key on L1.',
  NO_KEY: 'register an L2 key for the account with setL2Key on L1 (or deposit with `key`), then wait until it is applied.',
}

/**
 * An account the action needs is missing or does not fit: no account at the index
 * (`ACCOUNT_NOT_FOUND`), no account of the owner with this key and token to send from
 * (`NO_SENDING_ACCOUNT`), or the account's L2 key is not the one given (`KEY_MISMATCH`) or
 * not set (`NO_KEY`). Checked before signing, so nothing was sent.
 *
 * @example
 * ```ts
 * try { await client.transfer({ key, to: 2n, amount: 10n, owner }) } catch (e) {
 *   if (e instanceof AccountError && e.code === 'NO_KEY') await l1.setL2Key({ index: e.index!, key })
 * }
 * ```
 */
export class AccountError extends CounterweightError {
  override name = 'AccountError' as const
  declare readonly code: AccountErrorCode
  readonly index: bigint | undefined
  constructor(params: { code: AccountErrorCode; message: string; index?: bigint }) {
    super({ code: params.code, message: params.message, hint: HINTS[params.code] })
    this.index = params.index
  }
}
