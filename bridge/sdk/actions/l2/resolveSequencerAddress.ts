import type { Address } from 'viem'
import { MissingParameterError } from '../../errors/MissingParameterError.ts'
import type { L1Client } from '../../client/types.ts'
import { getSequencerAddress } from '../l1/getSequencerAddress.ts'

/**
 * The address preconfirmations must be signed by: `sequencerAddress` when given, else the
 * rollup contract's `sequencer()` read through `l1`. Never the sequencer's own word about
 * itself. Throws {@link MissingParameterError} when neither is given.
 *
 * @example
 * ```ts
 * const sequencer = await resolveSequencerAddress({ rollup, l1: publicClient })
 * ```
 */
export async function resolveSequencerAddress(params: { rollup: Address; sequencerAddress?: Address; l1?: L1Client }): Promise<Address> {
  if (params.sequencerAddress) return params.sequencerAddress
  if (params.l1) return getSequencerAddress(params.l1, { rollup: params.rollup })
  throw new MissingParameterError({
    parameter: 'sequencerAddress',
    action: 'checking a preconfirmation',
    hint: 'pass `l1` (a client on the rollup\'s L1 chain: the SDK reads sequencer() from the contract) or `sequencerAddress`.',
  })
}
