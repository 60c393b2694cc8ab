import { describe, expect, it } from 'vitest'
import { NodeConfigError } from '../errors.ts'
import { NODE_CONFIG_ENV, nodeConfigFromEnv, parseNodeConfig } from './nodeConfig.ts'

const base = { CW_NODE_L1_RPC_URL: 'http://127.0.0.1:8545', CW_NODE_ROLLUP_ADDRESS: '0x5FbDB2315678afecb367f032d93F642f64180aa3', CW_NODE_DEPLOYMENT_BLOCK: '12', CW_NODE_DB_PATH: './node.sqlite' }

describe('node configuration', () => {
  it('fills defaults; blobs come from L1 unless another source is set', () => {
    const c = nodeConfigFromEnv(base)
    expect(c).toMatchObject({ deploymentBlock: 12n, confirmations: 2n, rangeSize: 2000n, pollIntervalMs: 2000, checks: 'auto', blobsFromL1: true, http: { host: '127.0.0.1', port: 8548 }, l2ChainId: undefined })
    const b = nodeConfigFromEnv({ ...base, CW_NODE_BEACON_URL: 'http://beacon:5052', CW_NODE_CONFIRMATIONS: '0x4', CW_NODE_HTTP_PORT: '0' })
    expect(b).toMatchObject({ beaconUrl: 'http://beacon:5052', blobsFromL1: false, confirmations: 4n, http: { port: 0 } })
  })

  it('reports every wrong or missing field at once, naming its variable', () => {
    let err: NodeConfigError | undefined
    try {
      nodeConfigFromEnv({ CW_NODE_ROLLUP_ADDRESS: '0x12', CW_NODE_CONFIRMATIONS: '-1', CW_NODE_BLOBS_FROM_L1: 'false', CW_NODE_CHECKS: 'some', CW_NODE_HTTP_PORT: '70000' })
    } catch (e) {
      err = e as NodeConfigError
    }
    expect(err).toBeInstanceOf(NodeConfigError)
    const fields = err!.issues.map((i) => i.field)
    for (const f of ['l1RpcUrl', 'rollupAddress', 'deploymentBlock', 'dbPath', 'confirmations', 'blobsFromL1', 'checks', 'http.port'] as const) expect(fields, f).toContain(`${f} (${NODE_CONFIG_ENV[f]})`)
    expect(err!.message).toMatch(/rollupAddress \(CW_NODE_ROLLUP_ADDRESS\): must be a 20-byte hex address, got "0x12"/)
    expect(err!.message).toMatch(/blobsFromL1 \(CW_NODE_BLOBS_FROM_L1\): no blob source/)
    expect(() => parseNodeConfig({ l1RpcURL: 'x' })).toThrow(/l1RpcURL: unknown field/)
  })
})
