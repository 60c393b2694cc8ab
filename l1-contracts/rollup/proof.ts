/**
 * A Groth16 proof as the rollup takes it (the Solidity `Groth16Proof`): affine points, G2
 * coordinates in the (c1, c0) order of the snarkjs-generated verifier and the precompile.
 *
 * @example
 * ```ts
 * const p: ContractProof = contractProof(proof)
 * ```
 */
export interface ContractProof {
  a: readonly [bigint, bigint]
  b: readonly [readonly [bigint, bigint], readonly [bigint, bigint]]
  c: readonly [bigint, bigint]
}

/** A snarkjs Groth16 proof (decimal strings, projective coordinates). */
export interface SnarkjsProof {
  pi_a: readonly string[]
  pi_b: readonly (readonly string[])[]
  pi_c: readonly string[]
}

/**
 * Converts a snarkjs proof for the rollup's `prove` / `commitAndProve` (and the verifier's
 * `verifyProof(a, b, c, input)`).
 *
 * @example
 * ```ts
 * const { proof, publicSignals } = await snarkjs.groth16.fullProve(inputs, wasm, zkey)
 * await publicClient.readContract({ address: verifier, abi: iChunkVerifierAbi, functionName: 'verifyProof', args: [p.a, p.b, p.c, inputs] })
 * ```
 */
export function contractProof(proof: SnarkjsProof): ContractProof {
  const n = (s: string | undefined): bigint => {
    if (s === undefined) throw new TypeError('malformed snarkjs proof')
    return BigInt(s)
  }
  return {
    a: [n(proof.pi_a[0]), n(proof.pi_a[1])],
    b: [
      [n(proof.pi_b[0]?.[1]), n(proof.pi_b[0]?.[0])],
      [n(proof.pi_b[1]?.[1]), n(proof.pi_b[1]?.[0])],
    ],
    c: [n(proof.pi_c[0]), n(proof.pi_c[1])],
  }
}
