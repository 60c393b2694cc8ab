import { bytesToHex, keccak256, stringToHex } from 'viem'
import type { L1Request } from './L1Sender.ts'

/**
 * A digest of what a request does (target, calldata, blob, calldata alternative, value), not of how
 * it is sent (its gas limit): the same key sent again must carry the same contents.
 *
 * @example
 * ```ts
 * if (record.contentHash !== requestContentHash(request)) throw conflict
 * ```
 */
export function requestContentHash(request: L1Request): `0x${string}` {
  const parts = [
    request.to.toLowerCase(),
    request.data.toLowerCase(),
    request.blob ? keccak256(bytesToHex(request.blob)) : '-',
    request.calldataAlternative?.toLowerCase() ?? '-',
    // only when set: requests without value keep the digest they always had
    ...(request.value ? [`value:${request.value}`] : []),
  ]
  return keccak256(stringToHex(parts.join('|')))
}
