import type { BatchRecord } from './BatchRecord.ts'

/**
 * The L1 request key of a batch's commit: `commit:batch:<n>` for the first batch built with
 * number `n` (attempt 0), `commit:batch:<n>:<attempt>` for a rebuilt one (after L1 reverted
 * batch `n`, or after it was unsealed as overdue). Stable across restarts (the attempt is
 * stored in the record), and never the key of other contents (the L1 sender refuses a key
 * reused with other contents and answers the old receipt for the same ones).
 *
 * @example
 * ```ts
 * commitKey({ number: 7, attempt: 0 }) // 'commit:batch:7'
 * commitKey({ number: 7, attempt: 2 }) // 'commit:batch:7:2'
 * ```
 */
export function commitKey(record: Pick<BatchRecord, 'number' | 'attempt'>): string {
  return record.attempt === 0 ? `commit:batch:${record.number}` : `commit:batch:${record.number}:${record.attempt}`
}
