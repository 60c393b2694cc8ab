import { preconfirmationProof, preconfirmationTree, preconfirmationLeaf, signPreconfirmationGroup } from '../preconf/index.ts'
import type { GroupProof } from './rows.ts'
import type { Store } from './Store.ts'

/**
 * The group and Merkle proof of a durable transaction's preconfirmation, from the store:
 * the group row holding `seq`, its leaves rebuilt from the transactions' rows, and its
 * signature: the stored one, else the one `pending` knows (signed, not yet written), else
 * signed again here (deterministic: the same as the one answered). Undefined when `seq` is
 * not durable.
 *
 * @example
 * ```ts
 * const g = storedPreconfirmation({ store, seq: 42, signer: { key, chainId, rollup }, pending: (f) => journal.groupSignature(f) })
 * ```
 */
export function storedPreconfirmation(params: {
  store: Store
  seq: number
  signer: { key: `0x${string}`; chainId: bigint; rollup: `0x${string}` }
  pending?: (firstSeq: number) => Uint8Array | undefined
}): GroupProof | undefined {
  const { store, seq, signer } = params
  const group = store.groupOf(seq)
  if (!group) return undefined
  const entries = store.groupEntries(group)
  const signature = group.signature ?? params.pending?.(group.firstSeq)
  const signed = signature ? { signature, levels: preconfirmationTree(entries.map((e) => preconfirmationLeaf(e))) } : signPreconfirmationGroup({ privateKey: signer.key, chainId: signer.chainId, rollup: signer.rollup, entries })
  return {
    firstSeq: group.firstSeq,
    count: group.count,
    root: signed.levels.at(-1)![0]!,
    signature: signed.signature,
    proof: preconfirmationProof({ levels: signed.levels, index: seq - group.firstSeq }),
  }
}

/**
 * Signs, at start, every durable group whose signature a crash kept from being written, and
 * writes the signatures (before the writer thread runs). The groups' boundaries and leaves are
 * durable and RFC 6979 is deterministic, so each signature equals the one a client may hold.
 * Checks first that the groups cover transactions 1 to `head` exactly once. Returns how many
 * groups it signed.
 *
 * @example
 * ```ts
 * resignGroups({ store, head, signer: { key: config.sequencerKey, chainId: config.chainId, rollup: config.rollupAddress } })
 * ```
 */
export function resignGroups(params: { store: Store; head: number; signer: { key: `0x${string}`; chainId: bigint; rollup: `0x${string}` } }): number {
  const { store, signer } = params
  store.checkGroups(params.head)
  const unsigned = store.unsignedGroups()
  store.writeGroupSignatures(
    unsigned.map((g) => ({ firstSeq: g.firstSeq, signature: signPreconfirmationGroup({ privateKey: signer.key, chainId: signer.chainId, rollup: signer.rollup, entries: store.groupEntries(g) }).signature })),
  )
  return unsigned.length
}
