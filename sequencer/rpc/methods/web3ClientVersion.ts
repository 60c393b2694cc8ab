import type { RpcMethod } from '../RpcMethod.ts'

/**
 * `web3_clientVersion`: `counterweight-sequencer/v<version>/<platform>-<arch>/node<version>`.
 *
 * @example
 * ```ts
 * await client.request({ method: 'web3_clientVersion' }) // 'counterweight-sequencer/v0.1.0/linux-x64/nodev20.20.2'
 * ```
 */
export const web3ClientVersion: RpcMethod = {
  name: 'web3_clientVersion',
  summary: 'Client name and version.',
  params: [],
  required: 0,
  handler: (s) => `counterweight-sequencer/v${s.version}/${process.platform}-${process.arch}/node${process.version}`,
}
