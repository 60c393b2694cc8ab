import { InvalidParamsError } from '../../errors/index.ts'
import { bytesToHash } from '../../mempool/hashBytes.ts'
import { storedPreconfirmation } from '../../store/storedPreconfirmation.ts'
import type { RpcMethod } from '../RpcMethod.ts'
import { preconfirmationToJson } from '../format/preconfirmationJson.ts'
import { readHash32, readQuantity, show } from '../Params.ts'

/**
 * `rollup_getPreconfirmation`: the signed preconfirmation of a durable transaction, by its
 * 32-byte transaction hash or by its sequence number (a shorter hex quantity), or null. Its
 * group's Merkle proof is rebuilt from the store.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getPreconfirmation', params: ['0x2a'] })
 * ```
 */
export const rollupGetPreconfirmation: RpcMethod = {
  name: 'rollup_getPreconfirmation',
  summary: 'The signed preconfirmation of a durable transaction, by transaction hash (32 bytes) or sequence number; null if unknown.',
  params: ['txHashOrSequence'],
  required: 1,
  handler: async (s, p) => {
    const v = p.raw(0)
    if (typeof v !== 'string') throw new InvalidParamsError(`${p.field(0)}: must be a 32-byte transaction hash or a sequence number (hex quantity), got ${show(v)}`)
    const tx = v.length === 66 ? s.store.txByHash(readHash32(v, p.field(0))) : s.store.txBySeq(Number(readQuantity(v, p.field(0), 53)))
    if (!tx) return null
    const signer = { key: s.config.sequencerKey, chainId: s.config.chainId, rollup: s.config.rollupAddress }
    const group = storedPreconfirmation({ store: s.store, seq: tx.seq, signer, pending: (first) => s.journal.groupSignature(first) })
    if (!group) return null
    return preconfirmationToJson({
      accepted: { seq: tx.seq, hash: bytesToHash(tx.hash), acceptedMs: tx.acceptedMs, l1Deadline: tx.l1Deadline, group },
      chainId: s.config.chainId,
      rollup: s.config.rollupAddress,
      sequencer: s.address,
    })
  },
}
