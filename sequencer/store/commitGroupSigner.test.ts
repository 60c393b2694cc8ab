import { describe, expect, it } from 'vitest'
import { preconfirmationDomainSeparator } from '../preconf/index.ts'
import { signGroup } from '../preconf/signGroup.ts'
import { commitGroupSigner } from './commitGroupSigner.ts'

const key = Uint8Array.from(Buffer.from('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', 'hex'))
const domainSeparator = preconfirmationDomainSeparator({ chainId: 31337n, rollup: '0x5fbdb2315678afecb367f032d93f642f64180aa3' })

describe('commitGroupSigner', () => {
  it("answers with the group signGroup makes, in a commit's shape", () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ sequence: 40 + i, txHash: new Uint8Array(32).fill(i + 1), l1Deadline: 1_700_003_600 + i }))
    const g = signGroup({ key, domainSeparator, entries })
    expect(commitGroupSigner({ key, domainSeparator })(entries)).toEqual({ firstSeq: 40, count: 5, signature: g.signature, levels: g.levels })
  })

  it('refuses entries that are not consecutive, as signGroup does', () => {
    const sign = commitGroupSigner({ key, domainSeparator })
    expect(() => sign([{ sequence: 1, txHash: new Uint8Array(32), l1Deadline: 0 }, { sequence: 3, txHash: new Uint8Array(32), l1Deadline: 0 }])).toThrow(/consecutive/)
  })
})
