import { describe, expect, it } from 'vitest'
import { l1Chain } from './l1Chain.ts'

describe('l1Chain', () => {
  it('names the chain id, the RPC URL and ETH as the native currency', () => {
    const chain = l1Chain({ chainId: 17000, rpcUrl: 'http://l1.example:8545' })
    expect(chain.id).toBe(17000)
    expect(chain.rpcUrls.default.http).toEqual(['http://l1.example:8545'])
    expect(chain.nativeCurrency).toEqual({ name: 'Ether', symbol: 'ETH', decimals: 18 })
    expect(chain.name).toBe('L1 17000')
    expect(l1Chain({ chainId: 1, rpcUrl: 'http://x', name: 'devnet L1' }).name).toBe('devnet L1')
  })
})
