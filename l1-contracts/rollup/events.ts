import type { Address } from 'viem'
import { queueEntryFromFields, type QueueEntry } from '../../protocol/index.ts'

/** The arguments of a `QueueEntryAdded` event as viem decodes them. */
export interface QueueEntryAddedArgs {
  position?: bigint
  kind?: bigint
  sender?: Address
  index?: bigint
  tokenId?: bigint
  toIndex?: bigint
  amount?: bigint
  pubKeyX?: bigint
  pubKeyY?: bigint
  queueHash?: bigint
  timestamp?: bigint
  fee?: bigint
}

/**
 * Rebuilds the protocol queue entry (and its position and chain value) from a decoded
 * `QueueEntryAdded` event: what a node does with the L1 logs.
 *
 * @example
 * ```ts
 * const logs = await publicClient.getContractEvents({ address, abi: counterweightRollupAbi, eventName: 'QueueEntryAdded', fromBlock })
 * const entries = logs.map((l) => queueEntryFromEvent(l.args))
 * ```
 */
export function queueEntryFromEvent(args: QueueEntryAddedArgs): { position: bigint; entry: QueueEntry; queueHash: bigint; timestamp: bigint; fee: bigint } {
  const need = <T>(v: T | undefined, name: string): T => {
    if (v === undefined) throw new TypeError(`QueueEntryAdded without ${name}`)
    return v
  }
  const entry = queueEntryFromFields({
    kind: need(args.kind, 'kind'),
    sender: BigInt(need(args.sender, 'sender')),
    index: need(args.index, 'index'),
    tokenId: need(args.tokenId, 'tokenId'),
    toIndex: need(args.toIndex, 'toIndex'),
    amount: need(args.amount, 'amount'),
    pubKeyX: need(args.pubKeyX, 'pubKeyX'),
    pubKeyY: need(args.pubKeyY, 'pubKeyY'),
  })
  return { position: need(args.position, 'position'), entry, queueHash: need(args.queueHash, 'queueHash'), timestamp: need(args.timestamp, 'timestamp'), fee: need(args.fee, 'fee') }
}
