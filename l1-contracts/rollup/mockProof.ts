import { encodeAbiParameters, keccak256 } from 'viem'
import { FIELD_MODULUS, PUBLIC_INPUT_NAMES } from '../../protocol/index.ts'
import type { ContractProof } from './proof.ts'

/**
 * The fake proof `InsecureMockChunkVerifier` accepts for `inputs` (TESTS ONLY).
 *
 * @example
 * ```ts
 * await rollup.write.prove([batch, 0n, inputs, insecureMockProof(inputs)])
 * ```
 */
export function insecureMockProof(inputs: readonly bigint[]): ContractProof {
  const encoded = encodeAbiParameters([{ type: 'string' }, { type: `uint256[${PUBLIC_INPUT_NAMES.length}]` }], ['INSECURE MOCK PROOF', inputs as never])
  return { a: [BigInt(keccak256(encoded)) % FIELD_MODULUS, 0n], b: [[0n, 0n], [0n, 0n]], c: [0n, 0n] }
}
