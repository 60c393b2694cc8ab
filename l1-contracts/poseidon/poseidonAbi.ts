import type { Abi } from 'viem'
import { PoseidonCodegenError } from '../build/errors.ts'

/**
 * Signature of the error a Poseidon hasher reverts with when an input is not below the field modulus.
 *
 * @example
 * ```ts
 * toFunctionSelector(POSEIDON_INPUT_ERROR) // '0xa98171d7'
 * ```
 */
export const POSEIDON_INPUT_ERROR = 'PoseidonInputOutOfRange()'

/**
 * The function signatures a generated Poseidon hasher with `inputs` inputs answers, in the
 * order its dispatcher tests them. All four take the same calldata (N words) and return the
 * same word.
 *
 * @example
 * ```ts
 * poseidonFunctionSignatures({ inputs: 2 })
 * // ['hash2(uint256,uint256)', 'hash(uint256[2])', 'poseidon(uint256[2])', 'poseidon(bytes32[2])']
 * ```
 */
export function poseidonFunctionSignatures(params: { inputs: number }): string[] {
  const n = params.inputs
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new PoseidonCodegenError(`Poseidon takes 1 to 16 inputs, not ${n}`)
  return [`hash${n}(${new Array<string>(n).fill('uint256').join(',')})`, `hash(uint256[${n}])`, `poseidon(uint256[${n}])`, `poseidon(bytes32[${n}])`]
}

/**
 * The ABI of a generated Poseidon hasher with `inputs` inputs, built at run time. For the
 * widths the rollup uses, the literal ABIs below ({@link poseidonT3Abi} ...) type viem calls
 * exactly.
 *
 * @example
 * ```ts
 * const abi = poseidonAbi({ inputs: 3 })
 * ```
 */
export function poseidonAbi(params: { inputs: number }): Abi {
  const n = params.inputs
  poseidonFunctionSignatures({ inputs: n })
  const word = (name: string, type = 'uint256') => ({ name, type, internalType: type })
  const fn = (name: string, inputs: object[], output = 'uint256') => ({
    type: 'function',
    name,
    stateMutability: 'pure',
    inputs,
    outputs: [word('', output)],
  })
  return [
    fn(
      `hash${n}`,
      Array.from({ length: n }, (_, i) => word(`x${i}`)),
    ),
    fn('hash', [word('inputs', `uint256[${n}]`)]),
    fn('poseidon', [word('input', `uint256[${n}]`)]),
    fn('poseidon', [word('input', `bytes32[${n}]`)], 'bytes32'),
    { type: 'error', name: 'PoseidonInputOutOfRange', inputs: [] },
  ] as Abi
}

const u = (name: string) => ({ name, type: 'uint256', internalType: 'uint256' }) as const

/**
 * ABI of `PoseidonT3` (2 inputs: Merkle nodes, queue chain).
 *
 * @example
 * ```ts
 * await publicClient.readContract({ address, abi: poseidonT3Abi, functionName: 'hash2', args: [1n, 2n] })
 * ```
 */
export const poseidonT3Abi = [
  { type: 'function', name: 'hash2', stateMutability: 'pure', inputs: [u('x0'), u('x1')], outputs: [u('')] },
  { type: 'function', name: 'hash', stateMutability: 'pure', inputs: [{ name: 'inputs', type: 'uint256[2]', internalType: 'uint256[2]' }], outputs: [u('')] },
  { type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: 'uint256[2]', internalType: 'uint256[2]' }], outputs: [u('')] },
  { type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: 'bytes32[2]', internalType: 'bytes32[2]' }], outputs: [{ name: '', type: 'bytes32', internalType: 'bytes32' }] },
  { type: 'error', name: 'PoseidonInputOutOfRange', inputs: [] },
] as const

/**
 * ABI of `PoseidonT4` (3 inputs: exit leaves).
 *
 * @example
 * ```ts
 * await publicClient.readContract({ address, abi: poseidonT4Abi, functionName: 'hash3', args: [a, b, c] })
 * ```
 */
export const poseidonT4Abi = [
  { type: 'function', name: 'hash3', stateMutability: 'pure', inputs: [u('x0'), u('x1'), u('x2')], outputs: [u('')] },
  { type: 'function', name: 'hash', stateMutability: 'pure', inputs: [{ name: 'inputs', type: 'uint256[3]', internalType: 'uint256[3]' }], outputs: [u('')] },
  { type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: 'uint256[3]', internalType: 'uint256[3]' }], outputs: [u('')] },
  { type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: 'bytes32[3]', internalType: 'bytes32[3]' }], outputs: [{ name: '', type: 'bytes32', internalType: 'bytes32' }] },
  { type: 'error', name: 'PoseidonInputOutOfRange', inputs: [] },
] as const

/**
 * ABI of `PoseidonT5` (4 inputs: account leaves).
 *
 * @example
 * ```ts
 * await publicClient.readContract({ address, abi: poseidonT5Abi, functionName: 'hash4', args: [a, b, c, d] })
 * ```
 */
export const poseidonT5Abi = [
  { type: 'function', name: 'hash4', stateMutability: 'pure', inputs: [u('x0'), u('x1'), u('x2'), u('x3')], outputs: [u('')] },
  { type: 'function', name: 'hash', stateMutability: 'pure', inputs: [{ name: 'inputs', type: 'uint256[4]', internalType: 'uint256[4]' }], outputs: [u('')] },
  { type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: 'uint256[4]', internalType: 'uint256[4]' }], outputs: [u('')] },
  { type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: 'bytes32[4]', internalType: 'bytes32[4]' }], outputs: [{ name: '', type: 'bytes32', internalType: 'bytes32' }] },
  { type: 'error', name: 'PoseidonInputOutOfRange', inputs: [] },
] as const

/**
 * ABI of `PoseidonT6` (5 inputs: L1 queue entries).
 *
 * @example
 * ```ts
 * await publicClient.readContract({ address, abi: poseidonT6Abi, functionName: 'hash', args: [[a, b, c, d, e]] })
 * ```
 */
export const poseidonT6Abi = [
  { type: 'function', name: 'hash5', stateMutability: 'pure', inputs: [u('x0'), u('x1'), u('x2'), u('x3'), u('x4')], outputs: [u('')] },
  { type: 'function', name: 'hash', stateMutability: 'pure', inputs: [{ name: 'inputs', type: 'uint256[5]', internalType: 'uint256[5]' }], outputs: [u('')] },
  { type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: 'uint256[5]', internalType: 'uint256[5]' }], outputs: [u('')] },
  { type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: 'bytes32[5]', internalType: 'bytes32[5]' }], outputs: [{ name: '', type: 'bytes32', internalType: 'bytes32' }] },
  { type: 'error', name: 'PoseidonInputOutOfRange', inputs: [] },
] as const
