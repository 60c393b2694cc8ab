import { secp256k1 } from '@noble/curves/secp256k1.js'
// Not the preconf entry (index.ts): only keccak, secp256k1 and the tree, so that the store's
// threads start in milliseconds, not the seconds the protocol and viem take.
import { nativeSecp256k1 } from '../preconf/nativeSecp256k1.ts'
import { signGroup, type GroupEntry } from '../preconf/signGroup.ts'
import type { CommitResult } from './rows.ts'

/**
 * The signing of a commit's group, as the store's threads do it (the group signer, and the
 * writer when there is no signer): the group's tree and signature in the shape a commit
 * answers with. Made once per thread: it prepares noble's tables when libsecp256k1 is not
 * there and signs one group to warm up.
 *
 * @example
 * ```ts
 * const sign = commitGroupSigner({ key, domainSeparator })
 * const group = sign([{ sequence: 7, txHash, l1Deadline: 1_700_003_600 }]) // { firstSeq: 7, count: 1, signature, levels }
 * ```
 */
export function commitGroupSigner(signer: { key: Uint8Array; domainSeparator: Uint8Array }): (entries: readonly GroupEntry[]) => NonNullable<CommitResult['group']> {
  // noble is the fallback when libsecp256k1's compiled module does not load.
  if (!nativeSecp256k1().native) secp256k1.Point.BASE.precompute(8, false)
  const sign = (entries: readonly GroupEntry[]): NonNullable<CommitResult['group']> => {
    const g = signGroup({ key: signer.key, domainSeparator: signer.domainSeparator, entries })
    return { firstSeq: g.firstSequence, count: g.count, signature: g.signature, levels: g.levels }
  }
  sign([{ sequence: 1, txHash: new Uint8Array(32), l1Deadline: 0 }]) // warm-up
  return sign
}
