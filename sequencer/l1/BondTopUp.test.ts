import pino from 'pino'
import { decodeFunctionData } from 'viem'
import { describe, expect, it } from 'vitest'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import { BondTopUp, type BondAt } from './BondTopUp.ts'
import type { L1Receipt, L1Request, L1Sender } from './L1Sender.ts'

const rollup = '0x5fbdb2315678afecb367f032d93f642f64180aa3'
const logger = pino({ level: 'silent' })

/** A sender that records requests and answers success (or throws when `fail`). */
function recordingSender(opts: { fail?: boolean; gate?: Promise<void> } = {}): L1Sender & { sent: L1Request[] } {
  const sent: L1Request[] = []
  return {
    sent,
    async send(request) {
      sent.push(request)
      await opts.gate
      if (opts.fail) throw new Error('L1 endpoint down')
      return { key: request.key, transactionHash: '0x01', blockNumber: 1n, nonce: 0, status: 'success', via: 'calldata', gasUsed: 21_000n, feePaid: 0n } satisfies L1Receipt
    },
    outcome: () => undefined,
  }
}

describe('BondTopUp', () => {
  it('deposits up to the target when the bond is below the threshold, keyed by the reading block; nothing when above', async () => {
    let bond: BondAt = { available: 3n, block: 40n }
    const sender = recordingSender()
    const keeper = new BondTopUp({ read: async () => bond, sender, rollup, below: 10n, to: 25n, logger })
    expect(await keeper.poll()).toMatchObject({ status: 'success' })
    expect(sender.sent).toHaveLength(1)
    const [req] = sender.sent
    expect(req).toMatchObject({ key: 'bond-topup:40', to: rollup, value: 22n })
    expect(decodeFunctionData({ abi: counterweightRollupAbi, data: req!.data }).functionName).toBe('depositBond')
    bond = { available: 25n, block: 41n }
    expect(await keeper.poll()).toBeUndefined()
    bond = { available: 10n, block: 42n }
    expect(await keeper.poll()).toBeUndefined()
    expect(sender.sent).toHaveLength(1)
  })

  it('one top-up at a time: a poll during a top-up joins it', async () => {
    let open!: () => void
    const gate = new Promise<void>((r) => (open = r))
    const sender = recordingSender({ gate })
    const keeper = new BondTopUp({ read: async () => ({ available: 0n, block: 7n }), sender, rollup, below: 5n, to: 9n, logger })
    const a = keeper.poll()
    const b = keeper.poll()
    open()
    await Promise.all([a, b])
    expect(sender.sent).toHaveLength(1)
  })

  it('a failed read or send is retried at the next poll, not thrown', async () => {
    let reads = 0
    const keeper = new BondTopUp({
      read: async () => {
        if (reads++ === 0) throw new Error('timeout')
        return { available: 0n, block: 3n }
      },
      sender: recordingSender({ fail: true }),
      rollup,
      below: 5n,
      to: 9n,
      logger,
    })
    expect(await keeper.poll()).toBeUndefined()
    expect(await keeper.poll()).toBeUndefined()
    expect(reads).toBe(2)
    expect(() => new BondTopUp({ read: async () => ({ available: 0n, block: 0n }), sender: recordingSender(), rollup, below: 5n, to: 4n, logger })).toThrow(RangeError)
  })
})
