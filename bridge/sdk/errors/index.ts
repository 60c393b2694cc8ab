/**
 * Errors of the SDK: one base ({@link CounterweightError}) with a literal `name`, a stable
 * `code` and a `hint` saying what to do next.
 *
 * @example
 * ```ts
 * import { CounterweightError, TransactionRefusedError } from './errors/index.ts'
 * ```
 */
export * from './CounterweightError.ts'
export * from './TransactionRefusedError.ts'
export * from './SequencerUnavailableError.ts'
export * from './SequencerRpcError.ts'
export * from './RpcMethodUnsupportedError.ts'
export * from './InvalidPreconfirmationError.ts'
export * from './AccountError.ts'
export * from './InvalidAmountError.ts'
export * from './ChainMismatchError.ts'
export * from './MissingParameterError.ts'
export * from './L1RevertedError.ts'
export * from './WaitTimeoutError.ts'
export * from './NotFoundError.ts'
export * from './fromRpcError.ts'
export * from './fromContractError.ts'
export * from './NotClaimableError.ts'
export * from './NotSlashableError.ts'
