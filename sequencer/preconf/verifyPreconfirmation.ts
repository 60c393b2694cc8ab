import { recoverTypedDataAddress } from 'viem'
import { preconfirmationTypedData, type SignedPreconfirmation } from './preconfirmationTypes.ts'

/**
 * The address that signed a preconfirmation (viem's EIP-712 recovery), or undefined when
 * the signature is malformed.
 *
 * @example
 * ```ts
 * await recoverPreconfirmationSigner(signed) // '0xf39F…'
 * ```
 */
export async function recoverPreconfirmationSigner(signed: SignedPreconfirmation): Promise<`0x${string}` | undefined> {
  try {
    return await recoverTypedDataAddress({ ...preconfirmationTypedData(signed), signature: signed.signature })
  } catch {
    return undefined
  }
}

/**
 * True when `signed` carries a valid signature by `sequencer` over exactly its content
 * (chain, rollup, sequence number, transaction hash and deadline). What a wallet, the SDK or
 * a slashing claim checks before relying on a preconfirmation.
 *
 * @example
 * ```ts
 * const pre = await client.request({ method: 'rollup_sendTransaction', params: [tx] })
 * await verifyPreconfirmation({ signed: preconfirmationFromJson(pre), sequencer: '0xf39F…' }) // true
 * ```
 */
export async function verifyPreconfirmation(params: { signed: SignedPreconfirmation; sequencer: `0x${string}` }): Promise<boolean> {
  const signer = await recoverPreconfirmationSigner(params.signed)
  return signer !== undefined && signer.toLowerCase() === params.sequencer.toLowerCase()
}
