import { BITS, DOMAIN_TAG } from '../constants.ts'
import { assertBits } from '../field/field.ts'
import { poseidon } from '../hash.ts'

/** A deployment: the L1 chain and the rollup contract on it. */
export interface Deployment {
  chainId: bigint
  /** Rollup contract address as a 160-bit integer. */
  rollupAddress: bigint
}

/**
 * The signing domain of a deployment, `Poseidon(DOMAIN_TAG, chainId, rollupAddress)`: the
 * first input of every L2 transaction hash, so that a transaction signed for one chain or
 * one deployment is invalid on every other. It is a public input of every chunk proof.
 *
 * @example
 * ```ts
 * const domain = domainHash({ chainId: 31337n, rollupAddress: 0x5fbdb2315678afecb367f032d93f642f64180aa3n })
 * ```
 */
export function domainHash(d: Deployment): bigint {
  assertBits(d.chainId, 64, 'chain id')
  assertBits(d.rollupAddress, BITS.ADDRESS, 'rollup address')
  return poseidon([DOMAIN_TAG, d.chainId, d.rollupAddress])
}

/**
 * An L1 address (0x-prefixed hex) as the 160-bit integer the protocol hashes.
 *
 * @example
 * ```ts
 * addressToBigint('0x0000000000000000000000000000000000000001') // 1n
 * ```
 */
export function addressToBigint(address: string): bigint {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new TypeError(`not a 20-byte hex address: ${address}`)
  return BigInt(address)
}

/**
 * A 160-bit integer as a lowercase 0x-prefixed address.
 *
 * @example
 * ```ts
 * bigintToAddress(1n) // '0x0000000000000000000000000000000000000001'
 * ```
 */
export function bigintToAddress(value: bigint): `0x${string}` {
  assertBits(value, BITS.ADDRESS, 'address')
  return `0x${value.toString(16).padStart(40, '0')}`
}
