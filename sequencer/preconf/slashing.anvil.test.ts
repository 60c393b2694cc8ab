/**
 * The sequencer's own preconfirmation signing against the L1 slasher on anvil (mock verifier):
 * every member of a signed group recovers the sequencer on chain, another key or another
 * chain's domain does not, and a third party slashes a promise the sequencer let pass its
 * deadline uncommitted, once (after which the sequencer's bond guard refuses new
 * transactions), and one that reordered two preconfirmed transactions in a finalized batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEther } from 'viem'
import pino from 'pino'
import { calldataBatchData, counterweightRollupAbi, deployRollup, insecureMockProof, preconfirmationSlasherAbi, ROLLUP_SETTINGS, type RollupDeployment } from '../../l1-contracts/index.ts'
import { TEST_PARAMS, chunkElements, chunkFirstElement, chunkShare, dataCommitment, denseProof, denseRoot, poseidon, poseidon2, type ChunkData } from '../../protocol/index.ts'
import { BondGuard } from '../l1/BondGuard.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { groupPreconfirmation, signPreconfirmationGroup, type GroupEntry } from './index.ts'
import { preconfirmationSlashArgs } from './preconfirmationSlashArgs.ts'

describe('preconfirmations against PreconfirmationSlasher (anvil)', () => {
  let anvil: Anvil
  let d: RollupDeployment
  let entries: GroupEntry[]
  let deadline: number
  /** The chunk the reorder test commits and proves: its tx-list root and public inputs. */
  let committed: { root: bigint; inputs: bigint[] } | undefined

  beforeAll(async () => {
    anvil = await startAnvil()
    d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: TEST_PARAMS, verifier: { kind: 'insecure-mock' }, settings: ROLLUP_SETTINGS.test, bond: parseEther('1') })
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
    const slash = () => reporter.writeContract({ address: d.slasher, abi: preconfirmationSlasherAbi, functionName: 'slashMissed', args: [pre, 0n, 0n, 0n, []] })
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

    const guard = BondGuard.fromClient({ client: anvil.publicClient, rollup: d.rollup, sequencer: d.sequencer, pollMs: 1000, logger: pino({ level: 'silent' }) })
    await guard.poll()
    expect(() => guard.check()).toThrow(/below the minimum/)
  })

  it('lets a third party slash a sequencer whose finalized batch reordered two preconfirmed transactions', async () => {
    const chainId = BigInt(d.chainId)
    const sequencerWallet = anvil.walletClient
    const bond = await sequencerWallet.writeContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'depositBond', value: parseEther('1') })
    await anvil.publicClient.waitForTransactionReceipt({ hash: bond })
    // The batch's transaction list puts sequences 1..3 as tx 1, tx 3, tx 2 (the mock verifier
    // accepts any list; a real circuit would prove what the data holds).
    const hashOf = (seq: number): bigint => BigInt(`0x${Buffer.from(entries[seq - 1]!.txHash).toString('hex')}`)
    const depth = 2 // ceil(log2(TEST_PARAMS.nTx))
    const leaves = [poseidon2(1n, hashOf(1)), poseidon2(2n, hashOf(3)), poseidon2(3n, hashOf(2)), 0n]
    const root = denseRoot(leaves, depth)
    const txListCommitment = poseidon([1n, 3n, root])
    const chunk: ChunkData = { queueCount: 0, feeAccounts: [0n, 0n], txs: [] }
    const elements = chunkElements(chunk, TEST_PARAMS)
    const blobShare = chunkShare({ elements, firstPosition: chunkFirstElement(TEST_PARAMS, 0), z: 0n })
    const claim = { newStateRoot: 7n, queueEnd: 0n, exitRoot: 0n, txListCommitment, dataCommitment: dataCommitment(elements), blobShare }
    const inputs = [d.genesisStateRoot, 7n, 0n, 0n, 0n, txListCommitment, claim.dataCommitment, d.domain, 0n, blobShare >> 128n, blobShare & ((1n << 128n) - 1n)]
    const commit = await sequencerWallet.writeContract({
      address: d.rollup,
      abi: counterweightRollupAbi,
      functionName: 'commitAndProveCalldata',
      args: [calldataBatchData({ params: TEST_PARAMS, chunks: [chunk] }), [claim], [insecureMockProof(inputs)]],
    })
    expect((await anvil.publicClient.waitForTransactionReceipt({ hash: commit })).status).toBe('success')
    committed = { root, inputs }

    const group = signPreconfirmationGroup({ privateKey: key(0), chainId, rollup: d.rollup, entries })
    const pre = preconfirmationSlashArgs(groupPreconfirmation({ group, chainId, rollup: d.rollup, entry: entries[1]! }))
    const opening = (slot: number, txHash: bigint) => ({ batch: 1n, chunk: 0n, firstSeq: 1n, txCount: 3n, root, slot: BigInt(slot), txHash, siblings: denseProof(leaves, slot, depth), exitRoot: claim.exitRoot })
    const reporter = anvil.walletClients[3]!
    // sequence 1 was honoured: nothing to claim
    const pre1 = preconfirmationSlashArgs(groupPreconfirmation({ group, chainId, rollup: d.rollup, entry: entries[0]! }))
    await expect(reporter.writeContract({ address: d.slasher, abi: preconfirmationSlasherAbi, functionName: 'slashReordered', args: [pre1, opening(0, hashOf(1))] })).rejects.toThrow(/SameTransaction/)
    const hash = await reporter.writeContract({ address: d.slasher, abi: preconfirmationSlasherAbi, functionName: 'slashReordered', args: [pre, opening(1, hashOf(3))] })
    const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    console.log(`slashReordered on anvil (nTx ${TEST_PARAMS.nTx}): ${receipt.gasUsed} gas`)
    const owed = await anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'owed', args: [reporter.account.address, 0n] })
    expect(owed).toBe(parseEther('1') / 2n)
  })
  it('lets a third party slash a promise past its deadline beyond the last committed chunk, opened by its public inputs', async () => {
    if (!committed) throw new Error('runs after the reorder test, which commits the chunk of sequences 1..3')
    const chainId = BigInt(d.chainId)
    const bond = await anvil.walletClient.writeContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'depositBond', value: parseEther('1') })
    await anvil.publicClient.waitForTransactionReceipt({ hash: bond })
    const group = signPreconfirmationGroup({ privateKey: key(0), chainId, rollup: d.rollup, entries })
    const pre = (i: number) => preconfirmationSlashArgs(groupPreconfirmation({ group, chainId, rollup: d.rollup, entry: entries[i]! }))
    const reporter = anvil.walletClients[4]!
    const slash = (i: number, inputs: bigint[]) =>
      reporter.writeContract({ address: d.slasher, abi: preconfirmationSlasherAbi, functionName: 'slashMissed', args: [pre(i), 1n, 3n, committed!.root, inputs] })
    // sequence 3 is in the chunk; 4 is not
    await expect(slash(2, committed.inputs)).rejects.toThrow(/SequenceCommitted/)
    await expect(slash(3, committed.inputs.map((v, i) => (i === 4 ? v + 1n : v)))).rejects.toThrow(/TxListMismatch/)
    const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash: await slash(3, committed.inputs) })
    expect(receipt.status).toBe('success')
    console.log(`slashMissed against a proven chunk on anvil: ${receipt.gasUsed} gas`)
    expect(await anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'owed', args: [reporter.account.address, 0n] })).toBe(parseEther('1') / 2n)
  })
})
