import { numberToHex, type Address } from 'viem'
import { preconfirmationFromJson, verifyPreconfirmation, type PreconfirmationJson, type SignedPreconfirmation } from '../../../../sequencer/index.ts'
import { InvalidPreconfirmationError } from '../../errors/InvalidPreconfirmationError.ts'

/**
 * Checks a preconfirmation the sequencer answered and returns it typed: it must name this
 * deployment (`chainId`, `rollup`), the transaction sent (`txHash`, when given) and carry a
 * valid EIP-712 signature by `sequencer` (the sequencer's own `verifyPreconfirmation`).
 * Throws {@link InvalidPreconfirmationError} otherwise.
 *
 * @example
 * ```ts
 * const pre = await checkPreconfirmation({ json, chainId: 31337n, rollup, sequencer: await getSequencerAddress(l1, { rollup }), txHash })
 * pre.sequence // 42n
 * ```
 */
export async function checkPreconfirmation(params: {
  json: PreconfirmationJson
  chainId: bigint
  rollup: Address
  sequencer: Address
  txHash?: bigint
}): Promise<SignedPreconfirmation> {
  const { json } = params
  let signed: SignedPreconfirmation
  try {
    signed = preconfirmationFromJson(json)
  } catch (e) {
    throw new InvalidPreconfirmationError({ code: 'PRECONFIRMATION_MISMATCH', message: `malformed preconfirmation: ${(e as Error).message}`, preconfirmation: json })
  }
  const mismatch =
    signed.chainId !== params.chainId
      ? `chain ${signed.chainId} instead of ${params.chainId}`
      : signed.rollup.toLowerCase() !== params.rollup.toLowerCase()
        ? `rollup ${signed.rollup} instead of ${params.rollup}`
        : params.txHash !== undefined && BigInt(signed.txHash) !== params.txHash
          ? `transaction ${signed.txHash} instead of ${numberToHex(params.txHash, { size: 32 })}`
          : undefined
  if (mismatch) throw new InvalidPreconfirmationError({ code: 'PRECONFIRMATION_MISMATCH', message: `the preconfirmation names ${mismatch}`, preconfirmation: json })
  if (!(await verifyPreconfirmation({ signed, sequencer: params.sequencer }))) {
    throw new InvalidPreconfirmationError({ code: 'BAD_PRECONFIRMATION_SIGNATURE', message: `the preconfirmation of sequence ${signed.sequence} is not signed by ${params.sequencer}`, preconfirmation: json })
  }
  return signed
}
