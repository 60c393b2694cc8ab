import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil, type Anvil } from '../../harness/anvil.ts'
import { l1FeeMarket, type L1FeeMarket } from './l1FeeMarket.ts'
import { rpcCall } from './rpcCall.ts'

describe('l1FeeMarket (proxy in front of anvil)', () => {
  let anvil: Anvil
  let market: L1FeeMarket
  beforeAll(async () => {
    anvil = await startAnvil({})
    market = await l1FeeMarket({ target: anvil.rpcUrl, blobBaseFee: 123n })
  }, 60_000)
  afterAll(async () => {
    await market?.stop()
    await anvil?.stop()
  })

  it('answers eth_blobBaseFee with the fee the test set, and follows its changes', async () => {
    const anvilFee = BigInt((await rpcCall({ url: anvil.rpcUrl, method: 'eth_blobBaseFee' })).result as string)
    expect(BigInt((await rpcCall({ url: market.url, method: 'eth_blobBaseFee' })).result as string)).toBe(123n)
    market.setBlobBaseFee(anvilFee + 10n ** 9n)
    expect(BigInt((await rpcCall({ url: market.url, method: 'eth_blobBaseFee' })).result as string)).toBe(anvilFee + 10n ** 9n)
    expect(market.answered()).toBe(2)
  })

  it('forwards every other call to anvil unchanged, state-changing ones included', async () => {
    const before = await anvil.publicClient.getBlockNumber({ cacheTime: 0 })
    await rpcCall({ url: market.url, method: 'evm_mine' })
    expect(await anvil.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(before + 1n)
    const viaProxy = await rpcCall({ url: market.url, method: 'eth_getBlockByNumber', params: ['latest', false] })
    const direct = await rpcCall({ url: anvil.rpcUrl, method: 'eth_getBlockByNumber', params: ['latest', false] })
    expect(viaProxy.result).toEqual(direct.result)
    const bad = await rpcCall({ url: market.url, method: 'eth_getBalance', params: ['0xnot-an-address'] })
    expect(bad.error?.code).toBeTypeOf('number')
  })

  it('splits a batch: its own members answered here, the rest by anvil, in the request order', async () => {
    market.setBlobBaseFee(7n)
    const body = JSON.stringify([
      { jsonrpc: '2.0', id: 'a', method: 'eth_chainId', params: [] },
      { jsonrpc: '2.0', id: 'b', method: 'eth_blobBaseFee', params: [] },
      { jsonrpc: '2.0', id: 'c', method: 'eth_blockNumber', params: [] },
    ])
    const { batch } = await rpcCall({ url: market.url, body })
    expect(batch?.map((a) => (a as { id: string }).id)).toEqual(['a', 'b', 'c'])
    expect(BigInt(batch![0]!.result as string)).toBe(BigInt(anvil.chain.id))
    expect(batch![1]!.result).toBe('0x7')
    expect(BigInt(batch![2]!.result as string)).toBe(await anvil.publicClient.getBlockNumber({ cacheTime: 0 }))
  })
})
