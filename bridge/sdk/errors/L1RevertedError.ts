import { CounterweightError } from './CounterweightError.ts'

const HINTS: Record<string, string> = {
  FeeTooLow: 'the queue fee rose since it was read: retry (the SDK reads queueFee() again).',
  QueueFull: 'the L1 queue is full: wait until batches consume it, then retry.',
  EscapeModeActive: 'the rollup is in escape mode: the queue and batches are closed; withdraw with escapeWithdraw and refund unconsumed deposits with refundDeposit.',
  EscapeModeInactive: 'escape mode is not active: use the normal paths (withdraw on L2, forcedWithdraw on L1).',
  EscapeNotAvailable: 'escape mode cannot start yet: wait until `availableAt` (an entry must be overdue by escapeDelay).',
  ExitAlreadyClaimed: 'this exit was already claimed: nothing to do.',
  BatchNotFinalized: 'wait for the batch to be finalized (waitForWithdrawal with `until: "finalized"`), then claim.',
  InvalidExitProof: 'the exit proof does not match the finalized exit root: fetch it again from a node that follows this rollup.',
  UnknownChunk: 'the batch or chunk does not exist (it may have been reverted): check the withdrawal status.',
  ExitPositionOutOfRange: 'the exit position is outside the chunk: fetch the proof again.',
  UnknownToken: 'list the token first (listToken), or check the token id.',
  IndexOutOfRange: 'use an account index below 2^depth (0 creates a new account for deposits).',
  AmountTooLarge: 'send less than 2^128.',
  KeyOutOfField: 'the public key is not a BabyJubJub point: derive it with deriveWalletL2Key.',
  InsufficientCustody: 'the rollup holds less of this token than the payout: report it to the operator.',
  AccountAlreadyWithdrawn: 'this account was already paid out in escape mode: nothing to do.',
  InvalidAccountProof: 'the escape proof does not match the frozen state: fetch it again from a node synced to the last finalized batch.',
  StateRootMismatch: 'the escape proof is for another state root: fetch it again from a node synced to the last finalized batch.',
  DepositAlreadyRefunded: 'this deposit was already refunded: nothing to do.',
  EntryAlreadyConsumed: 'a finalized batch consumed this deposit: it is in the L2 state, withdraw it with escapeWithdraw.',
  EntryMismatch: 'the restated deposit does not match the queue entry: read it again with getQueueEntry.',
  NothingOwed: 'nothing is owed to this account in this token.',
  TransferFailed: 'the token refused the transfer: check allowance and balance.',
  AlreadySlashed: 'this sequence number was already slashed for (once per number): nothing to do.',
  DeadlineNotPassed: 'the preconfirmation\'s deadline has not passed on L1 yet: check it again after `l1Deadline`.',
  SequenceCommitted: 'a committed batch covers this sequence number now: check the preconfirmation again (honoured or reordered).',
  TxListMismatch: 'the opening does not match the chunk commitment L1 holds: fetch it again from a node synced with L1.',
  SameTransaction: 'the batch holds the preconfirmed transaction: the promise was honoured.',
  WrongSigner: 'the preconfirmation is not signed by the committer or the current sequencer: it cannot be slashed.',
  BadGroup: 'the preconfirmation\'s group bounds are malformed: it cannot be slashed.',
  BadSignature: 'the preconfirmation\'s signature is malformed: it cannot be slashed.',
  BadProofLength: 'a Merkle proof has the wrong length: fetch the opening again.',
}

/**
 * An L1 call of the rollup contract reverted (found by simulation before sending, or in the
 * receipt): `errorName` is the contract's custom error (e.g. `ExitAlreadyClaimed`), `args` its
 * arguments. The hint says what to do for the known ones.
 *
 * @example
 * ```ts
 * try { await claimWithdrawal(walletClient, { rollup, proof }) } catch (e) {
 *   if (e instanceof L1RevertedError && e.errorName === 'ExitAlreadyClaimed') return
 * }
 * ```
 */
export class L1RevertedError extends CounterweightError {
  override name = 'L1RevertedError' as const
  declare readonly code: 'L1_REVERTED'
  readonly functionName: string
  readonly errorName: string | undefined
  readonly args: readonly unknown[]
  constructor(params: { functionName: string; errorName?: string; args?: readonly unknown[]; message: string; cause?: unknown }) {
    const hint = (params.errorName && HINTS[params.errorName]) ?? 'see the revert reason; check the arguments and the rollup state (getQueueEntryStatus, getBatchStatus).'
    super({ code: 'L1_REVERTED', message: `${params.functionName} reverted${params.errorName ? ` with ${params.errorName}(${(params.args ?? []).join(', ')})` : ''}: ${params.message}`, hint, cause: params.cause })
    this.functionName = params.functionName
    this.errorName = params.errorName
    this.args = params.args ?? []
  }
}
