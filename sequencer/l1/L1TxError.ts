import { SequencerError, type Severity } from '../errors/index.ts'

/**
 * Stable codes of {@link L1TxError}:
 * - `L1_RPC_FAILED` (temporary): an L1 read needed before a nonce is taken failed (fees, gas
 *   estimate transport); nothing was recorded, sending the same request again is safe.
 * - `L1_GAS_ESTIMATE_FAILED` (refused): the node says the call reverts; nothing was recorded.
 * - `L1_INVALID_REQUEST` (refused): a malformed request (empty key, bad address, blob size).
 * - `L1_KEY_CONFLICT` (refused): the key was already used for a request with other contents.
 * - `L1_NONCE_TAKEN` (critical): a transaction that is none of the manager's took the nonce
 *   of a request (the L1 key is used by someone else).
 * - `L1_STORE_MISMATCH` (critical): the database belongs to another sender address or chain.
 * - `L1_SIGNER_UNSUPPORTED` (critical): the wallet client has no local account to sign with.
 * - `L1_TX_MANAGER_CLOSED` (temporary): the manager was closed; a request already recorded
 *   is resumed by the next manager opened on the same database.
 */
export type L1TxErrorCode =
  | 'L1_RPC_FAILED'
  | 'L1_GAS_ESTIMATE_FAILED'
  | 'L1_INVALID_REQUEST'
  | 'L1_KEY_CONFLICT'
  | 'L1_NONCE_TAKEN'
  | 'L1_STORE_MISMATCH'
  | 'L1_SIGNER_UNSUPPORTED'
  | 'L1_TX_MANAGER_CLOSED'

/**
 * The severity of each {@link L1TxErrorCode}.
 *
 * @example
 * ```ts
 * L1_TX_ERROR_SEVERITY.L1_NONCE_TAKEN // 'critical'
 * ```
 */
export const L1_TX_ERROR_SEVERITY: Readonly<Record<L1TxErrorCode, Severity>> = {
  L1_RPC_FAILED: 'temporary',
  L1_GAS_ESTIMATE_FAILED: 'refused',
  L1_INVALID_REQUEST: 'refused',
  L1_KEY_CONFLICT: 'refused',
  L1_NONCE_TAKEN: 'critical',
  L1_STORE_MISMATCH: 'critical',
  L1_SIGNER_UNSUPPORTED: 'critical',
  L1_TX_MANAGER_CLOSED: 'temporary',
}

/**
 * An error of the L1 transaction manager, with a stable {@link L1TxErrorCode} and the
 * severity that code implies (temporary: retry later; refused: the request is wrong;
 * critical: the sequencer must stop and an operator look).
 *
 * @example
 * ```ts
 * try { await manager.send(request) } catch (e) {
 *   if (e instanceof L1TxError && e.severity === 'critical') process.exit(1)
 * }
 * ```
 */
export class L1TxError extends SequencerError {
  override name = 'L1TxError'
  declare readonly code: L1TxErrorCode
  /** The request key concerned, when there is one. */
  readonly key: string | undefined
  constructor(params: { code: L1TxErrorCode; message: string; key?: string; cause?: unknown }) {
    super({ code: params.code, message: params.message, severity: L1_TX_ERROR_SEVERITY[params.code], cause: params.cause })
    this.key = params.key
  }
}
