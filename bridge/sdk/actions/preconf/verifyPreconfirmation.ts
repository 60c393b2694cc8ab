import { numberToHex, type Address } from 'viem'
import { preconfirmationFromJson, verifyPreconfirmation as verifySigned, type PreconfirmationJson, type SignedPreconfirmation } from '../../../../sequencer/index.ts'
import type { L1Client } from '../../client/types.ts'
import { InvalidPreconfirmationError } from '../../errors/InvalidPreconfirmationError.ts'
import { resolveSequencerAddress } from '../l2/resolveSequencerAddress.ts'

/**
 * Checks a preconfirmation and returns it typed: it must name this deployment (`chainId`,
 * `rollup`), the transaction sent (`txHash`, when given) and carry a valid EIP-712 signature
 * (the leaf's Merkle proof to the signed group root, then the recovered signer) by the
 * sequencer: `sequencer`, or the rollup contract's `sequencer()` read through `l1` (whose bond
 * answers for it). Throws {@link InvalidPreconfirmationError} (`PRECONFIRMATION_MISMATCH`,
 * `BAD_PRECONFIRMATION_SIGNATURE`) otherwise.
 *
 * @example
 * ```ts
 * const pre = await verifyPreconfirmation({ json, chainId: 31337n, rollup, l1: publicClient })
 * pre.sequence // 42n
 * ```
 */
export async function verifyPreconfirmation(params: {
  json: PreconfirmationJson
  chainId: bigint
  rollup: Address
  sequencer?: Address
  l1?: L1Client
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
  const sequencer = await resolveSequencerAddress({ rollup: params.rollup, ...(params.sequencer ? { sequencerAddress: params.sequencer } : {}), ...(params.l1 ? { l1: params.l1 } : {}) })
  if (!(await verifySigned({ signed, sequencer }))) {
    throw new InvalidPreconfirmationError({ code: 'BAD_PRECONFIRMATION_SIGNATURE', message: `the preconfirmation of sequence ${signed.sequence} is not signed by ${sequencer}`, preconfirmation: json })
  }
  return signed
}
