import type { RpcMethod } from '../RpcMethod.ts'
import { preconfirmationToJson } from '../format/preconfirmationJson.ts'
import { signedTxFromJson } from '../format/signedTxJson.ts'

/**
 * `rollup_sendTransaction`: submits a signed L2 transaction ({@link SignedTxJson}) and
 * answers, once it is durable, with its preconfirmation signed by the sequencer. Refusals are
 * errors with stable codes (`-38001` nonce too low, …, see `docs/rpc.md`). Resending an
 * accepted transaction answers with the same preconfirmation.
 *
 * @example
 * ```ts
 * const pre = await client.request({ method: 'rollup_sendTransaction', params: [signedTxToJson({ signed, chainId, rollup })] })
 * ```
 */
export const rollupSendTransaction: RpcMethod = {
  name: 'rollup_sendTransaction',
  summary: 'Submits a signed L2 transaction; answers with its durable, signed preconfirmation.',
  params: ['transaction'],
  required: 1,
  handler: async (s, p) => {
    const signed = signedTxFromJson({ value: p.raw(0), field: p.field(0), chainId: s.config.chainId, rollup: s.config.rollupAddress })
    const accepted = await s.submit(signed)
    return preconfirmationToJson({ accepted, chainId: s.config.chainId, rollup: s.config.rollupAddress, sequencer: s.address })
  },
}
