import { domainHash, signTx, type L2Key, type L2Tx, type SignedL2Tx } from '../../../../protocol/index.ts'
import type { DeploymentParams } from '../../client/types.ts'

/**
 * Signs an L2 transaction for a deployment with an L2 key: EdDSA-Poseidon over the
 * protocol's transaction hash, whose domain names the chain and the rollup contract.
 *
 * @example
 * ```ts
 * const signed = signL2Transaction({ tx, key, rollup, chainId: 31337n })
 * ```
 */
export function signL2Transaction(params: DeploymentParams & { tx: L2Tx; key: L2Key }): SignedL2Tx {
  return signTx({ tx: params.tx, privateKey: params.key.privateKey, domain: domainHash({ chainId: params.chainId, rollupAddress: BigInt(params.rollup) }) })
}
