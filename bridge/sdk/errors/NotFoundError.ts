import { CounterweightError } from './CounterweightError.ts'

/** Codes of {@link NotFoundError}. */
export type NotFoundCode = 'QUEUE_ENTRY_NOT_FOUND' | 'NO_EXIT' | 'BATCH_DATA_UNAVAILABLE'

const HINTS: Record<NotFoundCode, string> = {
  QUEUE_ENTRY_NOT_FOUND: 'check the queue position (depositEth and the other L1 actions return it), and that `fromBlock` is not after the entry.',
  NO_EXIT: 'this entry or transaction left nothing to claim (a no-op, or not a withdrawal): check its outcome with a node.',
  BATCH_DATA_UNAVAILABLE: 'pass `getBlob` (an L1 endpoint or beacon API that keeps blobs), or ask a node.',
}

/**
 * Something the action looks up on L1 is not there (yet): a queue entry, an exit, the data of
 * a batch (a blob nobody serves).
 *
 * @example
 * ```ts
 * try { await getQueueEntry(l1, { rollup, position: 99n }) } catch (e) {
 *   if (e instanceof NotFoundError && e.code === 'QUEUE_ENTRY_NOT_FOUND') console.log('no such entry')
 * }
 * ```
 */
export class NotFoundError extends CounterweightError {
  override name = 'NotFoundError' as const
  declare readonly code: NotFoundCode
  constructor(params: { code: NotFoundCode; message: string }) {
    super({ code: params.code, message: params.message, hint: HINTS[params.code] })
  }
}
