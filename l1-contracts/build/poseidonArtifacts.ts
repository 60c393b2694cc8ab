import { toHex } from 'viem'
import { generatePoseidonEvmCode } from '../poseidon/poseidonEvmCode.ts'
import { poseidonAbi } from '../poseidon/poseidonAbi.ts'
import type { ContractArtifact } from './artifact.ts'

/**
 * Input counts of the Poseidon hashers the rollup uses on L1: 2 (Merkle nodes, queue chain), 3 (exit leaves), 4 (account leaves), 5 (queue entries).
 *
 * @example
 * ```ts
 * POSEIDON_L1_INPUTS.map((n) => `PoseidonT${n + 1}`) // ['PoseidonT3', 'PoseidonT4', 'PoseidonT5', 'PoseidonT6']
 * ```
 */
export const POSEIDON_L1_INPUTS = [2, 3, 4, 5] as const

/**
 * Artifacts of the generated Poseidon hashers, one per input count, named `PoseidonT<t>`
 * after the state width t = inputs + 1 (`PoseidonT3` hashes 2 inputs). Their bytecode is
 * written by `generatePoseidonEvmCode`, not compiled from Solidity.
 *
 * @example
 * ```ts
 * const [t3] = poseidonArtifacts({ inputs: [2] })
 * t3!.contractName // 'PoseidonT3'
 * ```
 */
export function poseidonArtifacts(params: { inputs?: readonly number[]; codeSizeLimit?: number } = {}): ContractArtifact[] {
  const { inputs = POSEIDON_L1_INPUTS, codeSizeLimit } = params
  return inputs.map((n) => {
    const code = generatePoseidonEvmCode({ inputs: n, ...(codeSizeLimit ? { codeSizeLimit } : {}) })
    return {
      contractName: `PoseidonT${n + 1}`,
      sourceName: 'generated:poseidon',
      abi: poseidonAbi({ inputs: n }),
      bytecode: toHex(code.initcode),
      deployedBytecode: toHex(code.runtime),
      linkReferences: {},
      generator: { kind: 'poseidon', inputs: n, parts: code.parts.map((p) => ({ runtimeSize: p.runtime.length, firstRound: p.firstRound })) },
    }
  })
}
