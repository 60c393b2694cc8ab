import { queueEntryFields, queueEntryFromFields, type QueueEntry, type QueueEntryFields } from '../../protocol/index.ts'

/**
 * An L1 queue entry as JSON text (its flat fields, `0x` hex), for the store and the RPC.
 *
 * @example
 * ```ts
 * queueEntryFromJson(queueEntryToJson(entry)) // deep-equals entry
 * ```
 */
export function queueEntryToJson(entry: QueueEntry): string {
  const f = queueEntryFields(entry)
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(f)) out[k] = `0x${(v as bigint).toString(16)}`
  return JSON.stringify(out)
}

/**
 * Inverse of {@link queueEntryToJson}.
 *
 * @example
 * ```ts
 * const entry = queueEntryFromJson(row.entry)
 * ```
 */
export function queueEntryFromJson(text: string): QueueEntry {
  const o = JSON.parse(text) as Record<string, string>
  const f = {} as Record<keyof QueueEntryFields, bigint>
  for (const k of ['kind', 'sender', 'index', 'tokenId', 'toIndex', 'amount', 'pubKeyX', 'pubKeyY'] as const) f[k] = BigInt(o[k] ?? '0x0')
  return queueEntryFromFields(f)
}
