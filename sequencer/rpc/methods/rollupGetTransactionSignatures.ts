import { InvalidParamsError } from '../../errors/index.ts'
import { bytesToHash } from '../../mempool/hashBytes.ts'
import type { RpcMethod } from '../RpcMethod.ts'
import { readQuantity } from '../Params.ts'
import { toHash32, toQuantity } from '../hex.ts'

/** At most this many signatures per call. */
export const MAX_SIGNATURES_PER_CALL = 1024

/** One transaction's owner signature (EdDSA-Poseidon over its hash), hex quantities. */
export interface TransactionSignatureJson {
  sequence: `0x${string}`
  txHash: `0x${string}`
  signature: { r8x: `0x${string}`; r8y: `0x${string}`; s: `0x${string}` }
}

/**
 * `rollup_getTransactionSignatures`: the owners' EdDSA signatures of the durable
 * transactions `firstSequence .. firstSequence + count - 1` (at most 1,024), in order. The DA
 * data on L1 carries no signatures; provers need them to build a chunk's witness.
 * Signatures are not secret (anyone may verify them against the public transaction), so any
 * prover may ask.
 *
 * @example
 * ```ts
 * await client.request({ method: 'rollup_getTransactionSignatures', params: ['0x1', '0x8'] })
 * ```
 */
export const rollupGetTransactionSignatures: RpcMethod = {
  name: 'rollup_getTransactionSignatures',
  summary: 'The owners\' EdDSA signatures of transactions firstSequence..firstSequence+count-1 (at most 1,024), for provers.',
  params: ['firstSequence', 'count'],
  required: 2,
  handler: (s, p) => {
    const first = Number(readQuantity(p.raw(0), p.field(0), 53))
    const count = Number(readQuantity(p.raw(1), p.field(1), 53))
    if (count < 1 || count > MAX_SIGNATURES_PER_CALL) throw new InvalidParamsError(`${p.field(1)}: must be 1..${MAX_SIGNATURES_PER_CALL}, got ${count}`)
    return s.store.txRange(first, count).map((t): TransactionSignatureJson => ({
      sequence: toQuantity(t.seq),
      txHash: toHash32(bytesToHash(t.hash)),
      signature: { r8x: toQuantity(t.signed.signature.R8.x), r8y: toQuantity(t.signed.signature.R8.y), s: toQuantity(t.signed.signature.S) },
    }))
  },
}
