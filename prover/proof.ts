/** A Groth16 proof as snarkjs returns it (decimal strings, projective coordinates). */
export interface Groth16Proof {
  pi_a: string[]
  pi_b: string[][]
  pi_c: string[]
  protocol: string
  curve: string
}

/** The arguments of the generated verifier's `verifyProof(a, b, c, input)`. */
export interface VerifierCalldata {
  a: [bigint, bigint]
  b: [[bigint, bigint], [bigint, bigint]]
  c: [bigint, bigint]
  input: bigint[]
}

/**
 * Packs a snarkjs proof and its public signals as the arguments of the snarkjs-generated
 * Solidity verifier: affine G1 points, and G2 coordinates in the (c1, c0) order the
 * precompile expects.
 *
 * @example
 * ```ts
 * const { a, b, c, input } = verifierCalldata(proof, publicSignals)
 * await publicClient.readContract({ address, abi, functionName: 'verifyProof', args: [a, b, c, input] })
 * ```
 */
export function verifierCalldata(proof: Groth16Proof, publicSignals: readonly (string | bigint)[]): VerifierCalldata {
  const n = (s: string | undefined): bigint => BigInt(s ?? '0')
  return {
    a: [n(proof.pi_a[0]), n(proof.pi_a[1])],
    b: [
      [n(proof.pi_b[0]?.[1]), n(proof.pi_b[0]?.[0])],
      [n(proof.pi_b[1]?.[1]), n(proof.pi_b[1]?.[0])],
    ],
    c: [n(proof.pi_c[0]), n(proof.pi_c[1])],
    input: publicSignals.map((s) => BigInt(s)),
  }
}
