import type { BlobSource } from './blobs/blobSource.ts'
import type { L1Reader } from './l1/l1Reader.ts'
import type { ReplayChecks } from './replay/replayBatch.ts'
import type { NodeState, StateUndo } from './state/nodeState.ts'
import type { NodeStore, StoreIdentity } from './store/nodeStore.ts'

/** The subset of pino's logger the node writes to (pino loggers fit). */
export interface NodeLogger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** A logger that drops everything. @example createNode({ ..., logger: silentLogger }) */
export const silentLogger: NodeLogger = { info() {}, warn() {}, error() {} }

/** The node's settings (defaults in `createNode`). */
export interface NodeOptions {
  /** Blocks below the L1 head before an event is read (default 2). A deeper reorg is detected and unwound (`unwindReorg`). */
  confirmations: bigint
  /** Blocks per `eth_getLogs` (default 2,000). */
  rangeSize: bigint
  /**
   * What the node recomputes (see `replayBatch`): `'full'` every claim of every chunk;
   * `'proven'` what the chunk proofs cannot vouch for (data commitments, queue, exit roots,
   * final state root); `'auto'` (default) `full` for a batch not yet finalized when the node
   * applies it, `proven` for a finalized one.
   */
  checks: ReplayChecks | 'auto'
}

/**
 * Everything the node's parts share: the store, the state in memory and the undo records of
 * the applied but unfinalized batches (oldest first), the L1 reader, the blob source. Read
 * functions and the sync loop take it from `node.context`.
 *
 * @example
 * ```ts
 * const { store, state } = node.context
 * ```
 */
export interface NodeContext {
  readonly identity: StoreIdentity
  readonly store: NodeStore
  readonly state: NodeState
  readonly undos: { batch: bigint; undo: StateUndo }[]
  readonly l1: L1Reader
  readonly blobs: BlobSource
  readonly logger: NodeLogger
  readonly options: NodeOptions
}
