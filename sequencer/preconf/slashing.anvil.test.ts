/**
 * The sequencer's own preconfirmation signing against the L1 slasher on anvil (mock verifier):
 * every member of a signed group recovers the sequencer on chain, another key or another
 * chain's domain does not, and a third party slashes a promise the sequencer let pass its
 * deadline uncommitted, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEther } from 'viem'
import { deployRollup, preconfirmationSlasherAbi, counterweightRollupAbi, ROLLUP_SETTINGS, type RollupDeployment } from '../../l1-contracts/index.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { groupPreconfirmation, signPreconfirmationGroup, type GroupEntry } from './index.ts'
import { preconfirmationSlashArgs } from './preconfirmationSlashArgs.ts'

describe('preconfirmations against PreconfirmationSlasher (anvil)', () => {
  let anvil: Anvil
  let d: RollupDeployment
  let entries: GroupEntry[]
  let deadline: number

  beforeAll(async () => {
    anvil = await startAnvil()
    d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: { depth: 8, nTx: 4, nQueue: 2, nFee: 2 }, verifier: { kind: 'insecure-mock' }, settings: ROLLUP_SETTINGS.test, bond: parseEther('1') })
    const now = Number((await anvil.publicClient.getBlock()).timestamp)
    deadline = now + 3600
    entries = [1, 2, 3, 4, 5].map((sequence) => ({ sequence, txHash: new Uint8Array(32).fill(sequence), l1Deadline: deadline }))
  }, 120_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  const key = (i: number): Uint8Array => anvil.accounts[i]!.getHdKey().privateKey!
  const signerOf = (pre: ReturnType<typeof groupPreconfirmation>) =>
    anvil.publicClient.readContract({ address: d.slasher, abi: preconfirmationSlasherAbi, functionName: 'signerOf', args: [preconfirmationSlashArgs(pre)] })

  it('recovers the sequencer for every member of a group it signed, and not for another key or chain', async () => {
    const chainId = BigInt(d.chainId)
    const group = signPreconfirmationGroup({ privateKey: key(0), chainId, rollup: d.rollup, entries })
    for (const entry of entries) {
      expect((await signerOf(groupPreconfirmation({ group, chainId, rollup: d.rollup, entry }))).toLowerCase()).toBe(d.sequencer.toLowerCase())
    }
    const forged = signPreconfirmationGroup({ privateKey: key(1), chainId, rollup: d.rollup, entries })
    expect((await signerOf(groupPreconfirmation({ group: forged, chainId, rollup: d.rollup, entry: entries[0]! }))).toLowerCase()).toBe(anvil.accounts[1]!.address.toLowerCase())
    const otherChain = signPreconfirmationGroup({ privateKey: key(0), chainId: chainId + 1n, rollup: d.rollup, entries })
    expect((await signerOf(groupPreconfirmation({ group: otherChain, chainId: chainId + 1n, rollup: d.rollup, entry: entries[0]! }))).toLowerCase()).not.toBe(d.sequencer.toLowerCase())
  })

  it('lets a third party slash a promise left uncommitted past its deadline, once', async () => {
    const chainId = BigInt(d.chainId)
    const group = signPreconfirmationGroup({ privateKey: key(0), chainId, rollup: d.rollup, entries })
    const pre = preconfirmationSlashArgs(groupPreconfirmation({ group, chainId, rollup: d.rollup, entry: entries[2]! }))
    const reporter = anvil.walletClients[2]!
    const slash = () => reporter.writeContract({ address: d.slasher, abi: preconfirmationSlasherAbi, functionName: 'slashMissed', args: [pre, 0n, 0n, 0n] })
    await expect(slash()).rejects.toThrow(/DeadlineNotPassed/)
    await anvil.testClient.setNextBlockTimestamp({ timestamp: BigInt(deadline + 1) })
    await anvil.testClient.mine({ blocks: 1 })
    const hash = await slash()
    const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    console.log(`slashMissed on anvil: ${receipt.gasUsed} gas`)
    const read = <T>(functionName: 'bondOf' | 'owed', args: readonly unknown[]) => anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName, args: args as never }) as Promise<T>
    expect(await read<bigint>('bondOf', [d.sequencer])).toBe(0n)
    expect(await read<bigint>('owed', [reporter.account.address, 0n])).toBe(parseEther('1') / 2n)
    await expect(slash()).rejects.toThrow(/AlreadySlashed/)
  })
})
