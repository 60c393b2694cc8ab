import type { RpcMethod } from '../../../rpc/RpcMethod.ts'
import type { NodeRpcContext } from '../NodeRpcContext.ts'

/**
 * `web3_clientVersion` on the node: `counterweight-node/v<version>/<platform>-<arch>/node<version>`.
 *
 * @example
 * ```ts
 * await client.request({ method: 'web3_clientVersion' }) // 'counterweight-node/v0.1.0/linux-x64/nodev20.20.2'
 * ```
 */
export const nodeWeb3ClientVersion: RpcMethod<NodeRpcContext> = {
  name: 'web3_clientVersion',
  summary: 'Client name and version.',
  params: [],
  required: 0,
  handler: (c) => `counterweight-node/v${c.version}/${process.platform}-${process.arch}/node${process.version}`,
}
