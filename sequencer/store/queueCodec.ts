import { queueEntryFields, queueEntryFromFields, type QueueEntry, type QueueEntryFields } from '../../protocol/index.ts'

/** Where an L1 queue entry was read: its L1 block, the chain value after it and its L1 time. */
export interface QueueOrigin {
  l1Block: bigint
  l1BlockHash: `0x${string}`
  /** Unix seconds of the L1 block that added it. */
  timestamp: bigint
  /** The queue chain value after the entry (`queueHashAt(position + 1)`). */
  queueHash: bigint
}

/**
 * An L1 queue entry as JSON text (its flat fields, `0x` hex), for the store and the RPC; with
 * its {@link QueueOrigin} under `l1` when the L1 follower read it.
 *
 * @example
 * ```ts
 * queueEntryFromJson(queueEntryToJson(entry)) // deep-equals entry
 * ```
 */
export function queueEntryToJson(entry: QueueEntry, origin?: QueueOrigin): string {
  const f = queueEntryFields(entry)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(f)) out[k] = `0x${(v as bigint).toString(16)}`
  if (origin) {
    out.l1 = { block: `0x${origin.l1Block.toString(16)}`, blockHash: origin.l1BlockHash, timestamp: `0x${origin.timestamp.toString(16)}`, queueHash: `0x${origin.queueHash.toString(16)}` }
  }
  return JSON.stringify(out)
}

/**
 * The {@link QueueOrigin} stored with an entry, or undefined for an entry applied without one
 * (tests that fund accounts directly).
 *
 * @example
 * ```ts
 * queueOriginFromJson(row.entry)?.timestamp
 * ```
 */
export function queueOriginFromJson(text: string): QueueOrigin | undefined {
  const o = (JSON.parse(text) as { l1?: Record<string, string> }).l1
  if (!o) return undefined
  return { l1Block: BigInt(o.block!), l1BlockHash: o.blockHash as `0x${string}`, timestamp: BigInt(o.timestamp!), queueHash: BigInt(o.queueHash!) }
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
  const o = JSON.parse(text) as Record<string, string | undefined>
  const f = {} as Record<keyof QueueEntryFields, bigint>
  for (const k of ['kind', 'sender', 'index', 'tokenId', 'toIndex', 'amount', 'pubKeyX', 'pubKeyY'] as const) f[k] = BigInt(o[k] ?? '0x0')
  return queueEntryFromFields(f)
}
