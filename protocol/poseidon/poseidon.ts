import { OutOfRangeError } from '../errors.ts'
import { FIELD_MODULUS, assertField } from '../field/field.ts'
import { poseidonKernel, type PoseidonKernel } from './poseidonWasm.ts'

const P = FIELD_MODULUS

/** Writes canonical input `x` (checked) as four u64 words from word `at`. */
function put(words: BigUint64Array, at: number, x: bigint, index: number): void {
  if (typeof x !== 'bigint') throw new TypeError(`Poseidon input ${index} must be a bigint, got ${typeof x}`)
  if (x < 0n || x >= P) assertField(x, `Poseidon input ${index}`)
  words[at] = x // BigUint64Array keeps x mod 2^64
  words[at + 1] = x >> 64n
  words[at + 2] = x >> 128n
  words[at + 3] = x >> 192n
}

function result(words: BigUint64Array): bigint {
  return (((((words[3]! << 64n) | words[2]!) << 64n) | words[1]!) << 64n) | words[0]!
}

let kernel3: PoseidonKernel | undefined

/**
 * circomlib's Poseidon hash of 1 to 16 field elements, computed in WebAssembly: identical
 * to `poseidonReference` and to circomlibjs `poseidon`, and to the `Poseidon(n)` circuit
 * template. The kernel for each input count is generated and compiled on its first use.
 *
 * Throws an {@link OutOfRangeError} for an input outside `[0, p)` (p the BN254 scalar
 * modulus) and for fewer than 1 or more than 16 inputs.
 *
 * @example
 * ```ts
 * poseidon([1n, 2n]) // 7853200120776062878684798364095072458815029376092732009249414926327459813530n
 * poseidon([1n, 2n, 3n, 4n]) // a commitment to four fields
 * ```
 */
export function poseidon(inputs: readonly bigint[]): bigint {
  const n = inputs.length
  if (n < 1 || n > 16) {
    throw new OutOfRangeError({ what: 'Poseidon input count', value: n, limit: 'between 1 and 16' })
  }
  const k = poseidonKernel(n + 1)
  const words = k.words
  for (let i = 0; i < n; i++) put(words, 4 * i, inputs[i]!, i)
  k.hash()
  return result(words)
}

/**
 * `poseidon([a, b])` without the array: the two-to-one hash of the Merkle trees, the hottest
 * call of the rollup. Same results and errors as {@link poseidon}.
 *
 * @example
 * ```ts
 * const parent = poseidon2(leftChild, rightChild)
 * poseidon2(1n, 2n) === poseidon([1n, 2n]) // true
 * ```
 */
export function poseidon2(a: bigint, b: bigint): bigint {
  const k = (kernel3 ??= poseidonKernel(3))
  const words = k.words
  put(words, 0, a, 0)
  put(words, 4, b, 1)
  k.hash()
  return result(words)
}
